//! The audit log in the hot store: small (only impersonated, privileged and refused
//! commands are logged), append-only, never archived.
//!
//! ```text
//! u/<seq>         audit entry (JSON), seq from 1 in the order entries were committed
//! m/next_audit    next audit sequence number (u64 BE)
//! ```

use super::keys::AUDIT_PREFIX;
use super::{decode, encode, Result, StoreError, Txn};
use crate::domain::audit::AuditEntry;

const NEXT_AUDIT: &[u8] = b"m/next_audit";

fn entry_key(seq: u64) -> Vec<u8> {
    [AUDIT_PREFIX, &seq.to_be_bytes()].concat()
}

impl Txn<'_> {
    /// Append `entry` to the audit log; returns its sequence number.
    pub fn append_audit(&mut self, mut entry: AuditEntry) -> Result<u64> {
        let seq = match self.get_raw(NEXT_AUDIT)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| StoreError::Corrupt("next audit sequence".into()))?,
            ),
            None => 1,
        };
        self.put_raw(NEXT_AUDIT.to_vec(), (seq + 1).to_be_bytes().to_vec());
        entry.seq = seq;
        self.put_raw(entry_key(seq), encode(&entry));
        Ok(seq)
    }

    /// Every audit entry, oldest first.
    pub fn audit_entries(&self) -> Result<Vec<AuditEntry>> {
        self.scan_raw(AUDIT_PREFIX)?
            .iter()
            .map(|(key, value)| decode(key, value))
            .collect()
    }
}
