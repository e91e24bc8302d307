//! The notification outbox, messages and contacts in the hot store.
//!
//! [`Txn::append_event`] writes an outbox entry (`o/<id><seq>`) beside every event, in the
//! same commit, so a notification can never be lost between "the event happened" and "someone
//! was told". `desk notify flush` routes outbox entries into [`Message`] records and removes
//! the entries; each message keeps its own delivery state, indexed by what flush needs next:
//! pending ones by due time, delivered ones by delivery time (for pruning), dead letters by id.
//!
//! While no notification rule exists (`m/notify` absent), archiving a ticket drops its outbox
//! entries with it, so a home that never notifies does not grow with history. Once rules
//! exist (`desk notify flush` sets the flag), entries outlive archiving and flush reads the
//! ticket from the cold archive.

use chrono::{DateTime, Utc};

use super::{decode, encode, keys, Result, StoreError, Txn};
use crate::domain::notify::{Contacts, DeliveryState, Message};
use crate::domain::Event;

/// Whose contacts: agents and requesters are separate namespaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Person {
    Agent,
    Requester,
}

impl Person {
    fn tag(self) -> u8 {
        match self {
            Person::Agent => b'a',
            Person::Requester => b'r',
        }
    }
}

impl<'s> Txn<'s> {
    /// Record `event` without an outbox entry: history brought back from the archive or
    /// loaded in bulk has notified (or was never meant to) already.
    pub fn import_event(&mut self, ticket_id: u64, event: &Event) {
        self.note_event_of(ticket_id);
        self.put_raw(keys::event(ticket_id, event.seq), encode(event));
    }

    /// The first `limit` outbox entries (ticket id, event seq), oldest ticket first.
    pub fn outbox(&self, limit: usize) -> Result<Vec<(u64, u32)>> {
        let mut entries = Vec::new();
        // Committed keys up to the limit (never the whole outbox), minus this
        // transaction's deletions, plus its additions.
        let extra = self.pending.len();
        for key in self
            .kv
            .scan_prefix_keys(keys::OUTBOX_PREFIX, limit.saturating_add(extra))?
        {
            if !matches!(self.pending.get(&key), Some(None)) {
                entries.push(keys::outbox_entry(&key)?);
            }
        }
        for (key, value) in self.pending.range(keys::OUTBOX_PREFIX.to_vec()..) {
            if !key.starts_with(keys::OUTBOX_PREFIX) {
                break;
            }
            if value.is_some() {
                entries.push(keys::outbox_entry(key)?);
            }
        }
        entries.sort_unstable();
        entries.dedup();
        entries.truncate(limit);
        Ok(entries)
    }

    pub fn remove_outbox_entry(&mut self, ticket_id: u64, seq: u32) {
        self.delete_raw(keys::outbox(ticket_id, seq));
    }

    /// Whether notification rules exist, as `desk notify flush` last saw the config.
    pub fn notifications_enabled(&self) -> Result<bool> {
        Ok(self.get_raw(keys::NOTIFY_ENABLED)?.is_some())
    }

    pub fn set_notifications_enabled(&mut self, enabled: bool) -> Result<()> {
        if enabled != self.notifications_enabled()? {
            if enabled {
                self.put_raw(keys::NOTIFY_ENABLED.to_vec(), Vec::new());
            } else {
                self.delete_raw(keys::NOTIFY_ENABLED.to_vec());
            }
        }
        Ok(())
    }

    /// A ticket leaves the hot store: without notification rules its outbox entries go with
    /// it (nothing would ever route them); with rules they stay for `notify flush`.
    pub(super) fn drop_outbox_of(&mut self, ticket_id: u64) -> Result<()> {
        if self.notifications_enabled()? {
            return Ok(());
        }
        for key in self.scan_keys(&keys::outbox_of(ticket_id))? {
            self.delete_raw(key);
        }
        Ok(())
    }

    // --- messages ---

    /// Reserve the next message id. Ids start at 1 and are never reused.
    pub fn allocate_message_id(&mut self) -> Result<u64> {
        let next = match self.get_raw(keys::NEXT_MESSAGE_ID)? {
            Some(bytes) => u64::from_be_bytes(
                bytes
                    .as_slice()
                    .try_into()
                    .map_err(|_| StoreError::Corrupt("next message id".into()))?,
            ),
            None => 1,
        };
        self.put_raw(keys::NEXT_MESSAGE_ID.to_vec(), (next + 1).to_be_bytes().to_vec());
        Ok(next)
    }

    pub fn message(&self, id: u64) -> Result<Option<Message>> {
        let key = keys::message(id);
        self.get_raw(&key)?.map(|bytes| decode(&key, &bytes)).transpose()
    }

    /// Store `message` (new or changed) and bring its index entry in line with it.
    pub fn put_message(&mut self, message: &Message) -> Result<()> {
        if let Some(previous) = self.message(message.id)? {
            if let Some(key) = Self::message_index(&previous) {
                self.delete_raw(key);
            }
        }
        if let Some(key) = Self::message_index(message) {
            self.put_raw(key, Vec::new());
        }
        self.put_raw(keys::message(message.id), encode(message));
        Ok(())
    }

    pub(super) fn delete_message(&mut self, message: &Message) {
        if let Some(key) = Self::message_index(message) {
            self.delete_raw(key);
        }
        self.delete_raw(keys::message(message.id));
    }

    pub(super) fn message_index(message: &Message) -> Option<Vec<u8>> {
        match message.state {
            DeliveryState::Pending => message
                .next_attempt_at
                .map(|at| keys::message_due(at.timestamp_millis(), message.id)),
            DeliveryState::Delivered => message
                .delivered_at
                .map(|at| keys::message_delivered(at.timestamp_millis(), message.id)),
            DeliveryState::Dead => Some(keys::message_dead(message.id)),
        }
    }

    /// Up to `limit` pending messages due at `now`, earliest first.
    pub fn due_messages(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<Message>> {
        let mut out = Vec::new();
        let touched = self
            .pending
            .keys()
            .any(|k| k.starts_with(keys::MESSAGE_DUE_PREFIX));
        // Read only as far as needed: the index is in due order.
        let index = if touched {
            self.scan_keys(keys::MESSAGE_DUE_PREFIX)?
        } else {
            self.kv.scan_prefix_keys(keys::MESSAGE_DUE_PREFIX, limit)?
        };
        for key in index {
            if out.len() >= limit || keys::message_index_time(&key)? > now.timestamp_millis() {
                break;
            }
            out.push(self.indexed_message(&key)?);
        }
        Ok(out)
    }

    /// Messages in `state`: pending ones by due time, delivered ones oldest first, dead
    /// letters by id.
    pub fn messages_in(&self, state: DeliveryState) -> Result<Vec<Message>> {
        self.scan_keys(Self::state_prefix(state))?
            .iter()
            .map(|key| self.indexed_message(key))
            .collect()
    }

    /// How many messages are in `state` (committed ones).
    pub fn count_messages(&self, state: DeliveryState) -> Result<usize> {
        Ok(self
            .kv
            .scan_prefix_keys(Self::state_prefix(state), usize::MAX)?
            .len())
    }

    fn state_prefix(state: DeliveryState) -> &'static [u8] {
        match state {
            DeliveryState::Pending => keys::MESSAGE_DUE_PREFIX,
            DeliveryState::Delivered => keys::MESSAGE_DELIVERED_PREFIX,
            DeliveryState::Dead => keys::MESSAGE_DEAD_PREFIX,
        }
    }

    fn indexed_message(&self, index_key: &[u8]) -> Result<Message> {
        let id = keys::trailing_id(index_key)?;
        self.message(id)?
            .ok_or_else(|| StoreError::Corrupt(format!("message index points at missing message {id}")))
    }

    /// Forget delivered messages delivered before `before`, and the oldest beyond the newest
    /// `keep`, so the record of what was sent stays bounded. Returns how many went.
    pub fn prune_delivered(&mut self, before: DateTime<Utc>, keep: usize) -> Result<usize> {
        let entries = self.scan_keys(keys::MESSAGE_DELIVERED_PREFIX)?;
        let surplus = entries.len().saturating_sub(keep);
        let mut pruned = 0;
        for (index, key) in entries.iter().enumerate() {
            if index >= surplus && keys::message_index_time(key)? >= before.timestamp_millis() {
                break;
            }
            let message = self.indexed_message(key)?;
            self.delete_message(&message);
            pruned += 1;
        }
        Ok(pruned)
    }

    // --- contacts ---

    /// A person's addresses by key (`email`, `sms`, a sink's name…); empty when none.
    pub fn contacts(&self, person: Person, name: &str) -> Result<Contacts> {
        let key = keys::contacts(person.tag(), name);
        Ok(self
            .get_raw(&key)?
            .map(|bytes| decode(&key, &bytes))
            .transpose()?
            .unwrap_or_default())
    }

    pub fn set_contacts(&mut self, person: Person, name: &str, contacts: &Contacts) {
        let key = keys::contacts(person.tag(), name);
        if contacts.is_empty() {
            self.delete_raw(key);
        } else {
            self.put_raw(key, encode(contacts));
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::domain::EventKind;
    use crate::store::memory::MemoryBackend;
    use crate::store::Store;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, minute, 0).unwrap()
    }

    fn store(dir: &std::path::Path) -> Store {
        Store::new(Box::new(MemoryBackend::default()), dir, &dir.join("cold")).unwrap()
    }

    fn event(seq: u32) -> Event {
        let mut event = Event::new(EventKind::Commented, "bob", at(seq));
        event.seq = seq;
        event
    }

    fn message(id: u64, state: DeliveryState, minute: u32) -> Message {
        Message {
            id,
            ticket_id: 1,
            ticket_key: "#1".into(),
            event_seq: 0,
            on: "commented".into(),
            rule: 0,
            sink: "log".into(),
            recipient: None,
            role: None,
            address: None,
            subject: "s".into(),
            text: "t".into(),
            payload: serde_json::Value::Null,
            state,
            attempts: 0,
            created_at: at(0),
            next_attempt_at: (state == DeliveryState::Pending).then(|| at(minute)),
            last_attempt_at: None,
            delivered_at: (state == DeliveryState::Delivered).then(|| at(minute)),
            last_error: None,
        }
    }

    #[test]
    fn events_enter_the_outbox_with_them_and_imports_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut txn = store.txn();
        txn.append_event(2, &event(0));
        txn.append_event(1, &event(1));
        txn.import_event(3, &event(0));
        assert_eq!(
            txn.outbox(10).unwrap(),
            [(1, 1), (2, 0)],
            "a transaction sees its own entries"
        );
        txn.commit().unwrap();
        let mut txn = store.txn();
        assert_eq!(txn.outbox(1).unwrap(), [(1, 1)]);
        txn.remove_outbox_entry(1, 1);
        assert_eq!(txn.outbox(10).unwrap(), [(2, 0)]);
        txn.commit().unwrap();
        assert_eq!(store.txn().outbox(10).unwrap(), [(2, 0)]);
    }

    fn closed_ticket(id: u64) -> crate::domain::Ticket {
        serde_json::from_value(serde_json::json!({
            "id": id, "type": "incident", "title": "t", "status": "closed", "priority": "normal",
            "requester": "carol", "workflow": "internal", "created_at": at(0), "updated_at": at(1),
            "closed_at": at(1), "event_count": 2,
        }))
        .unwrap()
    }

    #[test]
    fn archiving_drops_outbox_entries_only_while_nothing_notifies() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let archive = |id: u64| {
            let mut txn = store.txn();
            txn.put_ticket(&closed_ticket(id)).unwrap();
            txn.append_event(id, &event(0));
            txn.append_event(id, &event(1));
            txn.commit().unwrap();
            let (record, _) = store.find_ticket(id).unwrap().unwrap();
            store.archive_records(vec![record]).unwrap();
        };
        archive(1);
        assert!(
            store.txn().outbox(10).unwrap().is_empty(),
            "no rules: nothing would route them"
        );
        let mut txn = store.txn();
        txn.set_notifications_enabled(true).unwrap();
        txn.commit().unwrap();
        archive(2);
        assert_eq!(
            store.txn().outbox(10).unwrap(),
            [(2, 0), (2, 1)],
            "kept for notify flush"
        );
        // Bringing a ticket back from the archive re-queues nothing.
        let (record, _) = store.find_ticket(1).unwrap().unwrap();
        let mut txn = store.txn();
        store.restore_into(&mut txn, &record).unwrap();
        txn.commit().unwrap();
        assert_eq!(store.txn().outbox(10).unwrap(), [(2, 0), (2, 1)]);
    }

    #[test]
    fn messages_are_indexed_by_what_flush_needs_next() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut txn = store.txn();
        for (state, minute) in [
            (DeliveryState::Pending, 5),
            (DeliveryState::Pending, 1),
            (DeliveryState::Dead, 0),
            (DeliveryState::Delivered, 2),
            (DeliveryState::Delivered, 1),
        ] {
            let id = txn.allocate_message_id().unwrap();
            txn.put_message(&message(id, state, minute)).unwrap();
        }
        txn.commit().unwrap();
        let mut txn = store.txn();
        let ids = |messages: Vec<Message>| messages.iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(txn.due_messages(at(3), 10).unwrap()), [2]);
        assert_eq!(ids(txn.due_messages(at(9), 10).unwrap()), [2, 1]);
        assert_eq!(ids(txn.due_messages(at(9), 1).unwrap()), [2]);
        assert_eq!(ids(txn.messages_in(DeliveryState::Dead).unwrap()), [3]);
        assert_eq!(ids(txn.messages_in(DeliveryState::Delivered).unwrap()), [5, 4]);

        // A state change moves the index entry.
        let mut first = txn.message(2).unwrap().unwrap();
        first.delivered(at(3));
        txn.put_message(&first).unwrap();
        assert_eq!(ids(txn.due_messages(at(9), 10).unwrap()), [1]);
        assert_eq!(ids(txn.messages_in(DeliveryState::Delivered).unwrap()), [5, 4, 2]);

        // Older than the cutoff, or beyond the newest `keep`, is forgotten.
        assert_eq!(txn.prune_delivered(at(2), 100).unwrap(), 1);
        assert_eq!(ids(txn.messages_in(DeliveryState::Delivered).unwrap()), [4, 2]);
        assert_eq!(txn.prune_delivered(at(0), 1).unwrap(), 1);
        assert_eq!(ids(txn.messages_in(DeliveryState::Delivered).unwrap()), [2]);
        assert!(txn.message(5).unwrap().is_none());
    }

    #[test]
    fn contacts_round_trip_and_empty_means_none() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(dir.path());
        let mut txn = store.txn();
        let contacts: Contacts = [("email".to_string(), "bob@example.com".to_string())].into();
        txn.set_contacts(Person::Agent, "bob", &contacts);
        assert_eq!(txn.contacts(Person::Agent, "bob").unwrap(), contacts);
        assert!(txn.contacts(Person::Requester, "bob").unwrap().is_empty());
        txn.set_contacts(Person::Agent, "bob", &Contacts::new());
        assert!(txn.contacts(Person::Agent, "bob").unwrap().is_empty());
    }
}
