//! API tokens in the store: `k/<name>` → [`Token`] (never the secret, only its hash).

use super::{decode, encode, Result, Txn};
use crate::domain::token::Token;

const TOKEN_PREFIX: &[u8] = b"k/";

fn token_key(name: &str) -> Vec<u8> {
    [TOKEN_PREFIX, name.as_bytes()].concat()
}

impl Txn<'_> {
    pub fn token(&self, name: &str) -> Result<Option<Token>> {
        let key = token_key(name);
        self.get_raw(&key)?.map(|bytes| decode(&key, &bytes)).transpose()
    }

    /// Every token, by name.
    pub fn tokens(&self) -> Result<Vec<Token>> {
        self.scan_raw(TOKEN_PREFIX)?
            .iter()
            .map(|(key, value)| decode(key, value))
            .collect()
    }

    /// The token whose secret hashes to `sha256` (hex), revoked or not.
    pub fn token_by_secret_hash(&self, sha256: &str) -> Result<Option<Token>> {
        Ok(self.tokens()?.into_iter().find(|t| t.secret_sha256 == sha256))
    }

    pub fn put_token(&mut self, token: &Token) {
        self.put_raw(token_key(&token.name), encode(token));
    }
}
