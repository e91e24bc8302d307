//! The web page's sign-in links and sessions: `w/l/<sha256>` → [`SignInLink`], `w/s/<sha256>`
//! → [`Session`], by the SHA-256 (hex) of their secrets; expired ones are removed when
//! the next link is made.

use chrono::{DateTime, Utc};

use super::{decode, encode, Result, Txn};
use crate::domain::web::{Session, SignInLink};

const LINK_PREFIX: &[u8] = b"w/l/";
const SESSION_PREFIX: &[u8] = b"w/s/";

fn key(prefix: &[u8], sha256: &str) -> Vec<u8> {
    [prefix, sha256.as_bytes()].concat()
}

impl Txn<'_> {
    pub fn put_sign_in_link(&mut self, sha256: &str, link: &SignInLink) {
        self.put_raw(key(LINK_PREFIX, sha256), encode(link));
    }

    /// The link with this secret's hash, taken: a link works once.
    pub fn take_sign_in_link(&mut self, sha256: &str) -> Result<Option<SignInLink>> {
        let key = key(LINK_PREFIX, sha256);
        let link = self
            .get_raw(&key)?
            .map(|bytes| decode(&key, &bytes))
            .transpose()?;
        if link.is_some() {
            self.delete_raw(key);
        }
        Ok(link)
    }

    pub fn put_session(&mut self, sha256: &str, session: &Session) {
        self.put_raw(key(SESSION_PREFIX, sha256), encode(session));
    }

    pub fn session(&self, sha256: &str) -> Result<Option<Session>> {
        let key = key(SESSION_PREFIX, sha256);
        self.get_raw(&key)?.map(|bytes| decode(&key, &bytes)).transpose()
    }

    pub fn delete_session(&mut self, sha256: &str) {
        self.delete_raw(key(SESSION_PREFIX, sha256));
    }

    /// Remove links and sessions that expired before `now`.
    pub fn prune_web_sign_ins(&mut self, now: DateTime<Utc>) -> Result<usize> {
        let mut removed = 0;
        for (key, value) in self.scan_raw(LINK_PREFIX)? {
            let link: SignInLink = decode(&key, &value)?;
            if !link.is_valid(now) {
                self.delete_raw(key);
                removed += 1;
            }
        }
        for (key, value) in self.scan_raw(SESSION_PREFIX)? {
            let session: Session = decode(&key, &value)?;
            if !session.is_valid(now) {
                self.delete_raw(key);
                removed += 1;
            }
        }
        Ok(removed)
    }
}
