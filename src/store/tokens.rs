//! API tokens in the store: `tok/<name>` → [`Token`] (never the secret, only its hash).
//! Schema 2 kept them under `k/`, the knowledge base's prefix; schema 3 moved them.

use super::{decode, encode, Result, Txn};
use crate::domain::token::Token;

const TOKEN_PREFIX: &[u8] = b"tok/";
/// Where schema 2 kept them, among KB articles (`k/<id>`, 8 bytes of id with leading zero
/// bytes; a token's name never has one).
pub(super) const SCHEMA_2_TOKEN_PREFIX: &[u8] = b"k/";

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
