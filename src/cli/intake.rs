//! Filing tickets, whatever the channel (CLI flags, JSON, e-mail): the rules every
//! submission passes, in one place.
//!
//! [`prepare`] checks what needs no store (type, title, fields, priority), so problems are
//! reported without waiting for the store's lock. [`file`] then applies the rules that need
//! it, in this order: filing on behalf of someone (agents only); the tier's and template's
//! allowed types (exit 4); deduplication (a repeat of an open ticket's dedup key becomes an
//! occurrence and does not count against limits); the tier's rate limits (exit 7, unless a
//! lead or admin passes `--over-limit`); the tier's priority boost and floor; the SLA policy.
//! Everything is written in one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::domain::attachments::AttachmentLimits;
use crate::domain::config::Config;
use crate::domain::lifecycle::{self, NewTicket};
use crate::domain::people::{canonical_requester, validate_name};
use crate::domain::template::Template;
use crate::domain::tier::Tier;
use crate::domain::{Priority, Role, Ticket};
use crate::store::{Store, Txn};

use super::attachments::{self, IncomingAttachment};
use super::commands::assign::auto::{route_one, Routed};
use super::context::Context;
use super::error::{did_you_mean, CommandError, ExitKind};
use super::home::Catalog;

/// A submission whose type, title and fields have been checked.
#[derive(Clone)]
pub struct Prepared<'t> {
    pub template: &'t Template,
    pub title: String,
    pub body: String,
    pub fields: BTreeMap<String, Value>,
    /// Explicitly requested priority; None means the template's default.
    pub priority: Option<Priority>,
    /// None: the acting user files for themselves.
    pub requester: Option<String>,
    /// Who files it, for permissions and the history: the sender for e-mail; None for the
    /// acting user, who is only known once the store is opened ([`Context::user`]).
    pub actor: Option<String>,
    pub dedup_key: Option<String>,
    /// File past the requester's rate limit (leads and admins only).
    pub over_limit: bool,
    /// How it arrived: `cli`, `json`, `email`, `import`, or a script's own name for it.
    pub channel: String,
    pub attachments: Vec<IncomingAttachment>,
    /// Files within these limits are kept, the others only listed; None: `[attachments]`
    /// (which `--attach` files were already checked against, so all are kept).
    pub keep_limits: Option<AttachmentLimits>,
    /// The e-mail's Message-ID, so replies thread onto the ticket.
    pub message_id: Option<String>,
    /// The closed ticket this one follows up (mail answering a closed ticket).
    pub follows_up: Option<u64>,
    /// Route the new ticket to an agent in the same commit (`--assign auto`; leads and admins).
    pub assign_auto: bool,
    /// Tags asked for (`ticket new --tag`), on top of the template's.
    pub tags: Vec<String>,
}

/// A submission as it arrives, before checks: field values still text.
pub struct Raw {
    pub ticket_type: String,
    pub title: String,
    pub body: String,
    pub fields: Vec<(String, String)>,
    pub priority: Option<String>,
    /// None: the acting user.
    pub requester: Option<String>,
    /// None: the acting user.
    pub actor: Option<String>,
    pub dedup_key: Option<String>,
    pub over_limit: bool,
    pub channel: String,
    pub attachments: Vec<IncomingAttachment>,
}

pub struct Outcome {
    pub ticket: Ticket,
    pub deduplicated: bool,
    /// What `--assign auto` did with a new ticket.
    pub routed: Option<Routed>,
}

/// The template called `name`, or an error that helps find the right one.
/// A long text from `--body TEXT`, `--body -` (stdin) or `--body-file FILE` (a missing file
/// exits 3); None when neither was given. Tickets and KB articles read bodies this way.
pub fn read_body(
    io: &super::io::Io,
    body: Option<&str>,
    body_file: Option<&std::path::Path>,
) -> Result<Option<String>, CommandError> {
    if let Some(path) = body_file {
        return io.read_to_string(path).map(Some).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                CommandError::not_found(format!("no body file at {}", path.display()))
            }
            _ => CommandError::invalid(format!("cannot read body file {}: {e}", path.display())),
        });
    }
    match body {
        Some("-") => io.stdin_text().map(Some),
        other => Ok(other.map(str::to_string)),
    }
}

pub fn find_template<'a>(catalog: &'a Catalog, name: &str) -> Result<&'a Template, CommandError> {
    if let Some(template) = catalog.get(name) {
        return Ok(template);
    }
    if let Some(error) = catalog.broken(name) {
        return Err(
            CommandError::invalid(format!("type `{name}` has a broken template: {error}"))
                .with_hint(format!("check it with `desk template check {}`", error.file)),
        );
    }
    let mut error = CommandError::not_found(format!("unknown ticket type `{name}`"));
    if let Some(hint) = did_you_mean(name, catalog.names()) {
        error = error.with_hint(hint);
    }
    Err(error.with_hint(available_types(catalog)))
}

pub fn available_types(catalog: &Catalog) -> String {
    let names: Vec<&str> = catalog.names().collect();
    if names.is_empty() {
        "no ticket types are defined yet: run `desk init --examples` or add templates/NAME.toml".to_string()
    } else {
        format!("available types: {}", names.join(", "))
    }
}

/// Check a complete submission without prompting; every problem is reported at once.
pub fn prepare<'t>(catalog: &'t Catalog, raw: Raw) -> Result<Prepared<'t>, CommandError> {
    let template = find_template(catalog, &raw.ticket_type)?;
    let requester = raw.requester.as_deref().map(canonical_requester);
    if let Some(requester) = &requester {
        validate_name("requester", requester)?;
    }
    let mut problems = Vec::new();
    let title = lifecycle::validate_title(&raw.title)
        .map_err(|e| problems.push(e.to_string()))
        .ok();
    let fields = template
        .validate_fields(&raw.fields)
        .map_err(|p| problems.extend(p))
        .ok();
    let priority = match raw.priority.as_deref().map(str::parse::<Priority>) {
        Some(Ok(priority)) => Some(priority),
        Some(Err(error)) => {
            problems.push(error.to_string());
            None
        }
        None => None,
    };
    if let Err(error) = lifecycle::validate_channel(&raw.channel) {
        problems.push(error.to_string());
    }
    let dedup_key = raw.dedup_key.map(|key| key.trim().to_string());
    if dedup_key.as_deref() == Some("") {
        problems.push("the dedup key is empty".to_string());
    }
    match (title, fields, problems.is_empty()) {
        (Some(title), Some(fields), true) => Ok(Prepared {
            template,
            title,
            body: raw.body,
            fields,
            priority,
            requester,
            actor: raw.actor,
            dedup_key,
            over_limit: raw.over_limit,
            channel: raw.channel,
            attachments: raw.attachments,
            keep_limits: None,
            message_id: None,
            follows_up: None,
            assign_auto: false,
            tags: Vec::new(),
        }),
        _ => Err(CommandError::invalid(format!("invalid `{}` ticket", template.name)).with_details(problems)),
    }
}

/// The tier a requester belongs to: their record's, else the agents' tier for agents
/// filing for themselves, else the default tier.
pub fn tier_of(txn: &Txn<'_>, config: &Config, requester: &str) -> Result<Tier, CommandError> {
    let name = match txn.requester(requester)? {
        Some(record) => record.tier,
        None if txn.agent(requester)?.is_some() => config.requesters.agent_tier.clone(),
        None => config.requesters.default_tier.clone(),
    };
    Ok(config.tier(&name))
}

/// Apply the store-side rules and write the ticket (or the occurrence). On a team store,
/// a filing that conflicts with another command (the same dedup key from two CI runners
/// at once) is filed again on fresh data: one submission of a stream or an e-mail, without
/// running the whole command again (see [`super::retry`]).
pub fn file(
    ctx: &Context,
    store: &Store,
    config: &Config,
    prepared: Prepared<'_>,
) -> Result<Outcome, CommandError> {
    super::retry::run_again_on_conflict(
        ctx.lock_timeout,
        || true,
        || file_once(ctx, store, config, prepared.clone()),
    )
}

fn file_once(
    ctx: &Context,
    store: &Store,
    config: &Config,
    prepared: Prepared<'_>,
) -> Result<Outcome, CommandError> {
    let template = prepared.template;
    ctx.require_token_type(&template.name)?;
    let keep_limits = prepared.keep_limits.unwrap_or(config.attachments);
    let mut txn = store.txn();
    let actor = prepared.actor.as_deref().unwrap_or(ctx.user());
    let requester = prepared.requester.as_deref().unwrap_or(actor);
    let acting_agent = txn.agent(actor)?;
    if requester != actor && acting_agent.is_none() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents file tickets on behalf of others, and `{actor}` is not an agent"
        )));
    }
    if prepared.assign_auto && !acting_agent.as_ref().is_some_and(|a| a.role.can_dispatch()) {
        return Err(CommandError::denied(format!(
            "permission denied: only leads and admins assign tickets (--assign auto), and `{actor}` is neither"
        )));
    }
    let tier = tier_of(&txn, config, requester)?;
    // Both the template and the tier must allow the pair; the template's rule is the more
    // specific, so it is the one named when both refuse.
    if !template.allows_tier(&tier.name) {
        return Err(CommandError::denied(format!(
            "permission denied: type `{}` is not open to tier `{}` (allowed tiers: {})",
            template.name,
            tier.name,
            template.tiers.join(", ")
        )));
    }
    tier.check_type(&template.name)?;

    if let Some(key) = &prepared.dedup_key {
        if let Some(id) = txn.open_ticket_by_dedup_key(key)? {
            let current = txn.ticket(id)?.ok_or_else(|| {
                CommandError::new(
                    ExitKind::Failure,
                    format!("dedup index points at missing ticket {id}"),
                )
            })?;
            // A key names one problem of one type; the same key on another type is far more
            // likely a copy-paste slip than the same problem. A key merged into a ticket of
            // another type leads there whatever the type.
            if current.ticket_type != template.name && current.dedup_key.as_deref() == Some(key) {
                return Err(CommandError::conflict(format!(
                    "dedup key `{key}` is held by open {} ticket {}, not a `{}` one",
                    current.ticket_type,
                    current.display_id(),
                    template.name
                ))
                .with_hint("use a key that names this problem, e.g. prefix it with the type"));
            }
            let details = if prepared.body.is_empty() {
                prepared.title.clone()
            } else {
                format!("{}\n\n{}", prepared.title, prepared.body)
            };
            let (mut ticket, mut event) =
                lifecycle::record_occurrence(&current, actor, &details, prepared.fields, ctx.now);
            event.channel = Some(prepared.channel.clone());
            // The files of a repeated report (a CI job's log of this run) go with its occurrence.
            let (added, written) = attachments::keep(
                &ctx.home,
                id,
                ticket.attachments.len(),
                event.seq,
                &prepared.attachments,
                &keep_limits,
            )?;
            attachments::share(&mut txn, id, &added, &prepared.attachments);
            ticket.attachments.extend(added);
            txn.put_ticket(&ticket)?;
            txn.append_event(id, &event);
            txn.commit()?;
            written.keep();
            return Ok(Outcome {
                ticket,
                deduplicated: true,
                routed: None,
            });
        }
    }

    let recent = txn.submissions(requester)?;
    let mut over_limit = false;
    if let Err(refused) = tier.check_rate(&recent, ctx.now) {
        let may_override = acting_agent
            .as_ref()
            .is_some_and(|a| matches!(a.role, Role::Lead | Role::Admin));
        if !prepared.over_limit {
            return Err(rate_limited(requester, &tier, &refused, ctx.now, may_override));
        }
        if !may_override {
            return Err(CommandError::denied(
                "permission denied: only leads and admins file past a rate limit (--over-limit)",
            ));
        }
        over_limit = true;
    }
    if let Some(window) = tier.longest_window() {
        txn.guard_rate_limit(requester);
        txn.prune_submissions(
            requester,
            ctx.now - chrono::Duration::from_std(window).unwrap_or_default(),
        )?;
    }

    let id = txn.allocate_ticket_id()?;
    // The `created` event is the ticket's first, seq 0.
    let (attachments, written) = attachments::keep(&ctx.home, id, 0, 0, &prepared.attachments, &keep_limits)?;
    attachments::share(&mut txn, id, &attachments, &prepared.attachments);
    let requested = prepared.priority.unwrap_or(template.priority);
    let (ticket, mut event) = lifecycle::create(
        id,
        NewTicket {
            ticket_type: template.name.clone(),
            prefix: template.prefix.clone(),
            workflow: template.workflow,
            title: prepared.title,
            body: prepared.body,
            priority: tier.adjust_priority(requested),
            requester: requester.to_string(),
            fields: prepared.fields,
            dedup_key: prepared.dedup_key,
            sla_policy: tier.sla.clone().or_else(|| template.sla.clone()),
            channel: Some(prepared.channel),
            attachments,
        },
        actor,
        ctx.now,
    );
    event.over_limit = over_limit;
    let mut ticket = ticket;
    ticket.tags = crate::domain::labels::initial_tags(&template.tags, &prepared.tags);
    ticket.department = tier.department.clone().or_else(|| template.department.clone());
    super::sla::refresh(config, &mut ticket, std::slice::from_ref(&event), ctx.now);
    txn.put_ticket(&ticket)?;
    txn.append_event(id, &event);
    txn.record_submission(requester, ctx.now, id);
    if let Some(message_id) = &prepared.message_id {
        txn.link_message_id(message_id, id);
    }
    if let Some(closed) = prepared.follows_up {
        txn.link_follow_up(closed, id);
    }
    let (ticket, routed) = if prepared.assign_auto {
        let (ticket, routed) = route_one(ctx, &mut txn, &config.routing, Some(template), ticket)?;
        (ticket, Some(routed))
    } else {
        (ticket, None)
    };
    // If the commit fails, `written` goes with the ticket: the files are removed.
    txn.commit()?;
    written.keep();
    Ok(Outcome {
        ticket,
        deduplicated: false,
        routed,
    })
}

fn rate_limited(
    requester: &str,
    tier: &Tier,
    refused: &crate::domain::tier::RateLimited,
    now: DateTime<Utc>,
    may_override: bool,
) -> CommandError {
    let wait = (refused.next_allowed - now).to_std().unwrap_or_default();
    let wait = humantime::format_duration(std::time::Duration::from_secs(wait.as_secs().max(1)));
    let error = CommandError::new(
        ExitKind::RateLimited,
        format!(
            "rate limited: `{requester}` (tier {}) filed {} within {}; the limit is {}. Next submission allowed at {} (in {wait})",
            tier.name,
            super::output::counted(refused.used, "ticket"),
            humantime::format_duration(refused.limit.window),
            refused.limit.text,
            refused.next_allowed.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        ),
    );
    if may_override {
        error.with_hint(
            "as a lead or admin you may file past the limit with --over-limit (recorded in the history)",
        )
    } else {
        error
            .with_hint(format!(
                "`desk requester show {requester}` shows the usage of each limit"
            ))
            .with_hint("a lead or admin can file it for them past the limit with --over-limit")
    }
}
