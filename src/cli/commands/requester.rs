//! `desk requester …`: who files tickets, and the tier each belongs to.
//!
//! A requester needs no record to file: without one they get the config's default tier
//! (agents filing for themselves get the agents' tier). `add` and `set` give someone a
//! tier explicitly; `show` explains what that tier means for them right now — the usage of
//! each rate limit at `DESK_NOW`, what they may file, and their tickets.

use chrono::{DateTime, SecondsFormat, Utc};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::commands::agent::map_os_user;
use crate::cli::commands::notify::contacts as notify_contacts;
use crate::cli::context::Context;
use crate::cli::error::{did_you_mean, CommandError};
use crate::cli::intake;
use crate::cli::output::{RateLimitUsageJson, RequesterJson, TicketJson};
use crate::cli::ui::StyledCell;
use crate::domain::config::Config;
use crate::domain::notify::Contacts;
use crate::domain::people::validate_name;
use crate::domain::tier::{Tier, Usage};
use crate::domain::{Requester, Ticket};
use crate::store::outbox::Person;
use crate::store::{TicketQuery, Txn};

#[derive(Debug, Subcommand)]
pub enum RequesterCommand {
    /// Add a requester with a tier (agents); `--tier` on an existing one changes it
    Add(AddArgs),
    /// Change an existing requester's tier (agents)
    Set(SetArgs),
    /// List requesters that have a record
    #[command(after_help = "Examples:
  desk requester list         requesters with a record, and their tiers
  desk requester list --json  the same, for a script")]
    List,
    /// Show a requester's tier, their usage of its rate limits, and their tickets
    Show(ShowArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk requester add carol --tier vip    carol's tickets get the vip tier
  desk requester add ci --tier internal  a CI pipeline's user, no rate limits
  desk requester add carol@example.com   an e-mail sender, in the default tier")]
pub struct AddArgs {
    /// The requester's name (an e-mail address is matched case-insensitively)
    #[arg(value_name = "NAME", value_parser = crate::cli::context::parse_requester)]
    pub name: String,
    /// A tier defined in config.toml (e.g. standard, vip, enterprise, internal)
    /// [default: the config's default tier]
    #[arg(long, value_name = "TIER")]
    pub tier: Option<String>,
    /// The OS account (on a team store: the PostgreSQL role) that signs in as this
    /// requester [default: the one of the same name]
    #[arg(long, value_name = "LOGIN")]
    pub os_user: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk requester set carol --tier enterprise  move carol to another tier
  desk requester set acme-ops --contact email=ops@acme.example
                                              where their notifications go")]
pub struct SetArgs {
    /// The requester's name (an e-mail address is matched case-insensitively)
    #[arg(value_name = "NAME", value_parser = crate::cli::context::parse_requester)]
    pub name: String,
    /// The new tier: one defined in config.toml
    #[arg(long, value_name = "TIER", required_unless_present_any = ["contact", "os_user"])]
    pub tier: Option<String>,
    /// The OS account (on a team store: the PostgreSQL role) that signs in as this
    /// requester (admins; empty: the one of the same name)
    #[arg(long, value_name = "LOGIN")]
    pub os_user: Option<String>,
    /// Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, or a sink's
    /// name (repeatable; KEY= removes it). A name that is an e-mail address needs no email=.
    #[arg(long, value_name = "KEY=VALUE")]
    pub contact: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk requester show carol                     tier, limits used, tickets
  desk requester show carol@example.com --json  the same, for a script")]
pub struct ShowArgs {
    /// The requester's name (an e-mail address is matched case-insensitively)
    #[arg(value_name = "NAME", value_parser = crate::cli::context::parse_requester)]
    pub name: String,
}

pub fn run(ctx: &Context, command: &RequesterCommand) -> Result<(), CommandError> {
    match command {
        RequesterCommand::Add(args) => add(ctx, args),
        RequesterCommand::Set(args) => set(ctx, args),
        RequesterCommand::List => list(ctx),
        RequesterCommand::Show(args) => show(ctx, args),
    }
}

/// The tier names a requester may be given: those the config defines, plus the default
/// and agents' tiers (valid even when the config leaves them undefined: they restrict nothing).
fn known_tiers(config: &Config) -> Vec<&str> {
    let mut names: Vec<&str> = config.tiers.keys().map(String::as_str).collect();
    for name in [&config.requesters.default_tier, &config.requesters.agent_tier] {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    names.sort_unstable();
    names
}

/// Refuse a tier the config does not know (exit 5), suggesting the closest name.
fn check_tier(config: &Config, tier: &str) -> Result<(), CommandError> {
    validate_name("tier", tier)?;
    let known = known_tiers(config);
    if known.contains(&tier) {
        return Ok(());
    }
    let mut error = CommandError::invalid(format!("unknown tier `{tier}`"));
    if let Some(hint) = did_you_mean(tier, known.iter().copied()) {
        error = error.with_hint(hint);
    }
    Err(error.with_hint(format!(
        "tiers in config.toml: {} (add one under [tiers.NAME])",
        known.join(", ")
    )))
}

fn require_admin(ctx: &Context, txn: &Txn<'_>, what: &str) -> Result<(), CommandError> {
    ctx.require_admin(txn, what)
}

fn require_agent(ctx: &Context, txn: &Txn<'_>) -> Result<(), CommandError> {
    if txn.agent(ctx.user())?.is_none() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents manage requesters, and `{}` is not an agent",
            ctx.user()
        )));
    }
    Ok(())
}

fn add(ctx: &Context, args: &AddArgs) -> Result<(), CommandError> {
    validate_name("requester", &args.name)?;
    let config = ctx.config()?;
    if let Some(tier) = &args.tier {
        check_tier(&config, tier)?;
    }
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    require_agent(ctx, &txn)?;
    let (mut requester, change) = match (txn.requester(&args.name)?, &args.tier) {
        // Re-adding without a tier must not reset someone to the default tier.
        (Some(existing), None) => {
            return Err(CommandError::conflict(format!(
                "requester `{}` already exists (tier {})",
                existing.name, existing.tier
            ))
            .with_hint(format!(
                "change the tier with `desk requester set {} --tier TIER`",
                existing.name
            )))
        }
        (Some(existing), Some(tier)) if &existing.tier == tier => {
            return Err(CommandError::conflict(format!(
                "requester `{}` already exists with tier {tier}",
                existing.name
            )))
        }
        (Some(mut existing), Some(tier)) => {
            let previous = std::mem::replace(&mut existing.tier, tier.clone());
            (existing, Some(previous))
        }
        (None, tier) => (
            Requester {
                name: args.name.clone(),
                tier: tier
                    .clone()
                    .unwrap_or_else(|| config.requesters.default_tier.clone()),
                created_at: ctx.now,
                os_user: None,
            },
            None,
        ),
    };
    if let Some(login) = &args.os_user {
        require_admin(ctx, &txn, "choose which OS account signs in as a requester")?;
        let previous = requester.os_user.clone();
        requester.os_user = map_os_user(&mut txn, &requester.name, previous.as_deref(), login)?;
    }
    txn.put_requester(&requester);
    txn.commit()?;
    drop(store);
    match change {
        Some(previous) => print_tier_change(ctx, &requester, &previous),
        None => print_requester(
            ctx,
            &requester,
            format!("Added requester {} (tier {})", requester.name, requester.tier),
        ),
    }
}

fn set(ctx: &Context, args: &SetArgs) -> Result<(), CommandError> {
    validate_name("requester", &args.name)?;
    let config = ctx.config()?;
    if let Some(tier) = &args.tier {
        check_tier(&config, tier)?;
    }
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    require_agent(ctx, &txn)?;
    let Some(mut requester) = txn.requester(&args.name)? else {
        let names: Vec<String> = txn.requesters()?.into_iter().map(|r| r.name).collect();
        let mut error = CommandError::not_found(format!("requester `{}` not found", args.name));
        if let Some(hint) = did_you_mean(&args.name, names.iter().map(String::as_str)) {
            error = error.with_hint(hint);
        }
        return Err(error.with_hint(format!(
            "add them with `desk requester add {} --tier {}`",
            args.name,
            args.tier.as_deref().unwrap_or("TIER")
        )));
    };
    let mut contact_changes =
        notify_contacts::apply(&mut txn, Person::Requester, &requester.name, &args.contact)?;
    if let Some(login) = &args.os_user {
        require_admin(ctx, &txn, "choose which OS account signs in as a requester")?;
        let previous = requester.os_user.clone();
        requester.os_user = map_os_user(&mut txn, &requester.name, previous.as_deref(), login)?;
        if requester.os_user != previous {
            contact_changes.push(format!(
                "os user = {}",
                requester.os_user.as_deref().unwrap_or(&requester.name)
            ));
            txn.put_requester(&requester);
        }
    }
    let Some(tier) = args.tier.as_ref().filter(|tier| **tier != requester.tier) else {
        txn.commit()?;
        drop(store);
        let sentence = match (&args.tier, contact_changes.is_empty()) {
            (_, false) => format!(
                "Updated requester {}: {}",
                requester.name,
                contact_changes.join(", ")
            ),
            (Some(_), true) => format!(
                "Requester {} already has tier {} (unchanged)",
                requester.name, requester.tier
            ),
            (None, true) => format!("Requester {}: contacts unchanged", requester.name),
        };
        return print_requester(ctx, &requester, sentence);
    };
    let previous = std::mem::replace(&mut requester.tier, tier.clone());
    txn.put_requester(&requester);
    txn.commit()?;
    drop(store);
    print_tier_change(ctx, &requester, &previous)
}

fn print_tier_change(ctx: &Context, requester: &Requester, previous: &str) -> Result<(), CommandError> {
    print_requester(
        ctx,
        requester,
        format!(
            "Updated requester {}: tier {previous} → {}",
            requester.name, requester.tier
        ),
    )
}

fn print_requester(ctx: &Context, requester: &Requester, sentence: String) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        ctx.ui.json(&RequesterJson::new(requester))
    } else if ctx.ui.is_quiet() {
        ctx.ui.line(&requester.name)
    } else {
        ctx.ui.line(sentence)
    }
}

fn list(ctx: &Context) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    // Requesters never see who else files tickets here.
    if !ctx.viewer(&store.txn())?.is_staff() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents list requesters, and `{}` is not an agent",
            ctx.user()
        ))
        .with_hint(format!(
            "`desk requester show {}` shows your own tier and tickets",
            ctx.user()
        )));
    }
    let requesters = store.txn().requesters()?;
    drop(store);
    if ctx.ui.is_json() {
        let items: Vec<RequesterJson> = requesters.iter().map(RequesterJson::new).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for requester in &requesters {
            ctx.ui.line(&requester.name)?;
        }
        return Ok(());
    }
    let rows = requesters
        .iter()
        .map(|r| vec![StyledCell::plain(&r.name), StyledCell::plain(&r.tier)])
        .collect();
    ctx.ui.table(&["NAME", "TIER"], rows)
}

/// Where a requester's tier comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TierSource {
    /// Their requester record (`desk requester add`).
    Record,
    /// They are an agent without a record: the config's `agent_tier`.
    Agent,
    /// Nobody added them: the config's `default_tier`.
    Default,
}

impl TierSource {
    fn as_str(self) -> &'static str {
        match self {
            TierSource::Record => "record",
            TierSource::Agent => "agent",
            TierSource::Default => "default",
        }
    }
}

/// `desk requester show --json`: the requester, their tier's rules and usage, their tickets.
#[derive(Serialize)]
struct ShowJson<'a> {
    name: &'a str,
    tier: &'a str,
    /// When the record was made; null for requesters without one.
    created_at: Option<DateTime<Utc>>,
    /// Whether the requester has a record (otherwise the default or agents' tier applies).
    known: bool,
    /// `record`, `agent` (the config's agent_tier) or `default` (its default_tier).
    tier_source: &'static str,
    /// False when config.toml does not define the tier (it then restricts nothing).
    tier_defined: bool,
    tier_description: &'a str,
    rate_limits: Vec<RateLimitUsageJson<'a>>,
    /// When the next submission is allowed, if a limit is used up now; null: they may file.
    rate_limited_until: Option<DateTime<Utc>>,
    /// Ticket types the tier may file; `*` means all.
    allowed_types: &'a [String],
    priority_boost: u8,
    priority_floor: Option<&'static str>,
    /// The SLA policy of the tier; null: the template's applies.
    sla_policy: Option<&'a str>,
    /// Their tickets in the hot store (archived ones are not listed): open first.
    tickets: Vec<TicketJson<'a>>,
}

fn show(ctx: &Context, args: &ShowArgs) -> Result<(), CommandError> {
    validate_name("requester", &args.name)?;
    let config = ctx.config()?;
    let store = ctx.open_store()?;
    let txn = store.txn();
    if !ctx.viewer(&txn)?.can_see_person(&args.name) {
        return Err(CommandError::denied(format!(
            "permission denied: requesters see only their own details, not {}'s",
            args.name
        ))
        .with_hint(format!("`desk requester show {}` shows yours", ctx.user())));
    }
    let record = txn.requester(&args.name)?;
    let is_agent = txn.agent(&args.name)?.is_some();
    let mut tickets = txn.query_tickets(&TicketQuery {
        requester: Some(args.name.clone()),
        ..Default::default()
    })?;
    let recent = txn.submissions(&args.name)?;
    // Someone with no record, no tickets and no recent submissions has never been here:
    // most likely a typo, so say so rather than show an empty default-tier page.
    if record.is_none() && !is_agent && tickets.is_empty() && recent.is_empty() {
        let names: Vec<String> = txn.requesters()?.into_iter().map(|r| r.name).collect();
        let mut error = CommandError::not_found(format!(
            "requester `{}` not found: no record and no tickets",
            args.name
        ));
        if let Some(hint) = did_you_mean(&args.name, names.iter().map(String::as_str)) {
            error = error.with_hint(hint);
        }
        return Err(error.with_hint(format!(
            "add one with `desk requester add {} --tier TIER`; until then they get the default tier ({})",
            args.name, config.requesters.default_tier
        )));
    }
    let tier = intake::tier_of(&txn, &config, &args.name)?;
    let contacts = txn.contacts(Person::Requester, &args.name)?;
    drop(txn);
    drop(store);

    let source = match (&record, is_agent) {
        (Some(_), _) => TierSource::Record,
        (None, true) => TierSource::Agent,
        (None, false) => TierSource::Default,
    };
    let tier_defined = config.tiers.contains_key(&tier.name);
    let usage = tier.usage(&recent, ctx.now);
    let rate_limited_until = tier.check_rate(&recent, ctx.now).err().map(|r| r.next_allowed);
    // Open tickets first, in queue order (priority, then age); then closed ones.
    tickets.sort_by_key(|t| !t.status.is_open());

    if ctx.ui.is_json() {
        return ctx.ui.json(&ShowJson {
            name: &args.name,
            tier: &tier.name,
            created_at: record.as_ref().map(|r| r.created_at),
            known: record.is_some(),
            tier_source: source.as_str(),
            tier_defined,
            tier_description: &tier.description,
            rate_limits: usage.iter().map(RateLimitUsageJson::new).collect(),
            rate_limited_until,
            allowed_types: &tier.types,
            priority_boost: tier.priority_boost,
            priority_floor: tier.priority_floor.map(|p| p.as_str()),
            sla_policy: tier.sla.as_deref(),
            tickets: tickets.iter().map(|t| TicketJson::new(t, false)).collect(),
        });
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(&args.name);
    }
    print_show(
        ctx,
        &args.name,
        &tier,
        source,
        tier_defined,
        &usage,
        &tickets,
        &contacts,
    )
}

#[allow(clippy::too_many_arguments)] // the facts of one page; a struct would only rename them
fn print_show(
    ctx: &Context,
    name: &str,
    tier: &Tier,
    source: TierSource,
    tier_defined: bool,
    usage: &[Usage],
    tickets: &[Ticket],
    contacts: &Contacts,
) -> Result<(), CommandError> {
    let ui = &ctx.ui;
    let mut heading = format!("{name}  tier {}", tier.name);
    if !tier.description.is_empty() {
        heading.push_str(&format!(" — {}", tier.description));
    }
    ui.line(heading)?;
    match source {
        TierSource::Record => {}
        TierSource::Agent => ui.line("  (an agent with no requester record: the agents' tier)")?,
        TierSource::Default => ui.line("  (no requester record: the default tier)")?,
    }
    if !tier_defined {
        ui.line("  (config.toml does not define this tier: it restricts nothing)")?;
    }
    let mut facts: Vec<(&str, String)> = Vec::new();
    if usage.is_empty() {
        facts.push(("rate limits", "none".to_string()));
    }
    for (n, limit) in usage.iter().enumerate() {
        let label = if n == 0 { "rate limits" } else { "" };
        facts.push((label, usage_text(limit, ctx.now)));
    }
    let types = if tier.types.iter().any(|t| t == "*") {
        "all (*)".to_string()
    } else {
        tier.types.join(", ")
    };
    facts.push(("types", types));
    facts.push(("priority", priority_text(tier)));
    facts.push((
        "sla policy",
        tier.sla
            .clone()
            .unwrap_or_else(|| "the ticket type's".to_string()),
    ));
    facts.push(("contacts", notify_contacts::describe(contacts)));
    let open = tickets.iter().filter(|t| t.status.is_open()).count();
    facts.push(("tickets", format!("{} ({open} open)", tickets.len())));
    for (label, value) in facts {
        ui.line(format!("  {label:<11}  {value}"))?;
    }
    let id_width = tickets
        .iter()
        .map(|t| t.display_id().chars().count())
        .max()
        .unwrap_or(0);
    let type_width = tickets
        .iter()
        .map(|t| t.ticket_type.chars().count())
        .max()
        .unwrap_or(0);
    for ticket in tickets {
        ui.line(format!(
            "    {:<id_width$}  {:<9}  {:<type_width$}  {}",
            ticket.display_id(),
            ticket.status.as_str(),
            ticket.ticket_type,
            ticket.title
        ))?;
    }
    Ok(())
}

/// `20/1h: 3 used, 17 left`, or when used up, when the next submission fits.
fn usage_text(usage: &Usage, now: DateTime<Utc>) -> String {
    let mut text = format!(
        "{}: {} used, {} left",
        usage.limit.text,
        usage.used,
        usage.remaining()
    );
    if let Some(next) = usage.next_allowed {
        let wait = (next - now).to_std().unwrap_or_default().as_secs().max(1);
        text.push_str(&format!(
            "; next submission allowed at {} (in {})",
            next.to_rfc3339_opts(SecondsFormat::Secs, true),
            humantime::format_duration(std::time::Duration::from_secs(wait))
        ));
    }
    text
}

fn priority_text(tier: &Tier) -> String {
    let boost = match tier.priority_boost {
        0 => None,
        1 => Some("raised 1 step (normal → high)".to_string()),
        n => Some(format!("raised {n} steps")),
    };
    let floor = tier.priority_floor.map(|p| format!("at least {p}"));
    match (boost, floor) {
        (None, None) => "as filed".to_string(),
        (Some(boost), None) => boost,
        (None, Some(floor)) => floor,
        (Some(boost), Some(floor)) => format!("{boost}, then {floor}"),
    }
}
