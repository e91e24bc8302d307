//! Integration tests: one binary (link once), driving the real `desk` as users do.

mod common;

mod architecture;

mod archive;

mod assign;
mod attachments;
mod backup;
mod browser;
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
mod serve_hooks;
mod sla;
mod store;
mod templates;
mod transfer;
mod triage;
mod web;
