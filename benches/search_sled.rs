//! The alternative to tantivy that `desk ticket search` was measured against: an inverted
//! index kept in a sled database (docs/search.md).
//!
//! Takes the first N archived tickets of a home (e.g. one made by `benches/process.sh`),
//! tokenizes them exactly as the tantivy index does, and stores one key per posting,
//! `<term>\0<ticket id>` → (term frequency, document length), which is what BM25 needs
//! with no further lookup. Then it times: the bulk build, reopening the database (what
//! every `desk` process would pay), adding one ticket with a durable commit (what `ticket
//! new` would pay), and a two-word BM25 query scanning the postings.
//!
//! ```text
//! cargo bench --bench search_sled -- --home DIR [--tickets 100000]
//! ```

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use desk::search::analyzer;
use desk::store::cold::ArchivedTicket;
use desk::store::{sled_backend, Store};

fn terms(record: &ArchivedTicket) -> HashMap<String, u32> {
    let mut text = format!("{} {}", record.ticket.title, record.ticket.body);
    for event in &record.events {
        if let Some(message) = &event.message {
            text.push(' ');
            text.push_str(message);
        }
    }
    let mut counts = HashMap::new();
    let mut analyzer = analyzer(true);
    let mut stream = analyzer.token_stream(&text);
    while let Some(token) = stream.next() {
        *counts.entry(token.text.clone()).or_insert(0) += 1;
    }
    counts
}

fn postings(record: &ArchivedTicket) -> Vec<(Vec<u8>, Vec<u8>)> {
    let counts = terms(record);
    let length: u32 = counts.values().sum();
    counts
        .into_iter()
        .map(|(term, tf)| {
            let key = [term.as_bytes(), b"\0", &record.ticket.id.to_be_bytes()].concat();
            let value = [tf.to_be_bytes(), length.to_be_bytes()].concat();
            (key, value)
        })
        .collect()
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| {
                    let meta = e.metadata().unwrap();
                    if meta.is_dir() {
                        dir_size(&e.path())
                    } else {
                        meta.len()
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn main() {
    let mut home: Option<PathBuf> = None;
    let mut wanted = 100_000usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--home" => home = args.next().map(PathBuf::from),
            "--tickets" => wanted = args.next().and_then(|n| n.parse().ok()).expect("--tickets N"),
            _ => {}
        }
    }
    let Some(home) = home else {
        eprintln!("usage: cargo bench --bench search_sled -- --home DIR [--tickets N]");
        return;
    };

    let backend = sled_backend::open_with_retry(&home.join("hot"), Duration::from_secs(10)).unwrap();
    let store = Store::new(Box::new(backend), &home.join("hot"), &home.join("cold")).unwrap();
    let txn = store.txn();
    let manifest = txn.cold_manifest().unwrap();
    let restored = txn.restored_ids().unwrap();
    drop(txn);
    let mut records = Vec::with_capacity(wanted);
    let _ = store.cold().scan(&manifest, &restored, |record| {
        if records.len() < wanted {
            records.push(record);
            Ok(())
        } else {
            Err(desk::store::StoreError::Backend("enough".into()))
        }
    });
    drop(store);
    let tickets = records.len();

    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("postings");
    let db = sled::Config::new()
        .path(&path)
        .flush_every_ms(None)
        .open()
        .unwrap();
    let started = Instant::now();
    let mut keys = 0usize;
    for chunk in records.chunks(1000) {
        let mut batch = sled::Batch::default();
        for record in chunk {
            for (key, value) in postings(record) {
                batch.insert(key, value);
                keys += 1;
            }
        }
        db.apply_batch(batch).unwrap();
    }
    db.flush().unwrap();
    let build = started.elapsed();
    drop(db);
    let size = dir_size(&path);

    let started = Instant::now();
    let db = sled::Config::new()
        .path(&path)
        .flush_every_ms(None)
        .open()
        .unwrap();
    let open = started.elapsed();

    // One more ticket, durably, as `ticket new` would have to.
    let mut extra = records[0].clone();
    extra.ticket.id = u64::MAX / 2;
    let started = Instant::now();
    let mut batch = sled::Batch::default();
    for (key, value) in postings(&extra) {
        batch.insert(key, value);
    }
    db.apply_batch(batch).unwrap();
    db.flush().unwrap();
    let add_one = started.elapsed();

    // BM25 over the postings of two words, top 20.
    let started = Instant::now();
    let (k1, b) = (1.2f64, 0.75f64);
    let average_length = keys as f64 / tickets as f64;
    let mut scores: HashMap<u64, f64> = HashMap::new();
    for word in ["checkout", "latenc"] {
        let prefix = [word.as_bytes(), b"\0"].concat();
        let postings: Vec<(u64, u32, u32)> = db
            .scan_prefix(&prefix)
            .map(|entry| {
                let (key, value) = entry.unwrap();
                let id = u64::from_be_bytes(key[key.len() - 8..].try_into().unwrap());
                let tf = u32::from_be_bytes(value[..4].try_into().unwrap());
                let length = u32::from_be_bytes(value[4..8].try_into().unwrap());
                (id, tf, length)
            })
            .collect();
        let n = postings.len() as f64;
        let idf = (1.0 + (tickets as f64 - n + 0.5) / (n + 0.5)).ln();
        for (id, tf, length) in postings {
            let tf = tf as f64;
            let norm = tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * length as f64 / average_length));
            *scores.entry(id).or_default() += idf * norm;
        }
    }
    let mut ranked: Vec<(u64, f64)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked.truncate(20);
    let query = started.elapsed();

    println!(
        "sled inverted index over {tickets} tickets: {keys} postings, {} MB on disk",
        size / 1_000_000
    );
    println!(
        "  bulk build {:.1} s ({:.0} tickets/s); reopen {:.0} ms; add one ticket durably {:.1} ms; 2-word BM25 top 20 {:.0} ms",
        build.as_secs_f64(),
        tickets as f64 / build.as_secs_f64(),
        open.as_secs_f64() * 1000.0,
        add_one.as_secs_f64() * 1000.0,
        query.as_secs_f64() * 1000.0
    );
}
