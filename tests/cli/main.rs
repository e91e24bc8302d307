//! Integration tests: one binary (link once), driving the real `desk` as users do.

mod common;

mod architecture;

mod archive;

mod assign;
mod attachments;
mod backup;
mod channels;

mod concurrency;
mod consistency;
mod conventions;
mod crash;
mod docs;
mod doctor;
mod email;
mod examples;
mod help_examples;
mod intake;
mod lifecycle;
mod notify;
mod pager;
mod permissions;
mod postgres;
mod prompts;
mod readme;
mod report;
mod search;
mod secrets;
mod security;
mod serve;
mod serve_api;
mod sla;
mod store;
mod templates;
mod transfer;
mod triage;
