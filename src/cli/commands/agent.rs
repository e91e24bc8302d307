//! `desk agent …`: the people who handle tickets. Only admins add agents or change their
//! role, skills and capacity; agents set their own status (leads and admins anyone's).

use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use comfy_table::Color;

use crate::cli::commands::notify::contacts as notify_contacts;
use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::AgentJson;
use crate::cli::ui::StyledCell;
use crate::domain::people::{parse_agent_skill, validate_name, validate_skill};
use crate::domain::{Agent, AgentStatus, Role};
use crate::store::outbox::Person;
use crate::store::{Store, TicketQuery, Txn};

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Add an agent (admins)
    Add(AddArgs),
    /// List agents
    #[command(after_help = "Examples:
  desk agent list         skills, role, status and open tickets of everyone
  desk agent list --json  the same, for a script")]
    List,
    /// Show one agent and their open tickets
    Show(NameArgs),
    /// Set an agent's status: online, offline or busy
    Status(StatusArgs),
    /// Change an agent's skills, capacity or role (admins)
    Set(SetArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk agent add bob --skills ops,network:3  ops, and network at level 3
  desk agent add dana --role lead --status online
                                             a lead, at work now
  desk agent add alice --capacity 5 --os-user awong
                                             the OS account awong acts as alice")]
pub struct AddArgs {
    /// The agent's user name (what they pass as --as / DESK_USER)
    pub name: String,
    /// Skills, comma-separated, each with an optional level 1-5 (e.g. ops,network:3)
    #[arg(long, value_delimiter = ',', value_name = "SKILLS")]
    pub skills: Vec<String>,
    /// The most open tickets they should hold at once
    #[arg(long, default_value_t = Agent::DEFAULT_CAPACITY, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub capacity: u32,
    /// agent, lead (may assign and transfer) or admin (may do anything)
    #[arg(long, default_value = "agent", value_parser = PossibleValuesParser::new(["agent", "lead", "admin"]))]
    pub role: String,
    /// Initial status
    #[arg(long, default_value = "offline", value_parser = PossibleValuesParser::new(["online", "offline", "busy"]))]
    pub status: String,
    /// The OS account (on a team store: the PostgreSQL role) that signs in as this agent
    /// [default: the one named like the agent]
    #[arg(long, value_name = "LOGIN")]
    pub os_user: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk agent show bob         bob's settings and open tickets
  desk agent show bob --json  the same, for a script")]
pub struct NameArgs {
    pub name: String,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk agent status bob online  bob takes tickets again
  desk agent status bob busy    assign auto passes him over for now
  desk agent status bob offline --rebalance
                                leaving: hand back unstarted tickets")]
pub struct StatusArgs {
    pub name: String,
    #[arg(value_parser = PossibleValuesParser::new(["online", "offline", "busy"]))]
    pub status: String,
    /// Going offline: return (or reassign, per `routing.on_offline`) their unstarted tickets
    #[arg(long)]
    pub rebalance: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk agent set bob --add-skill db:4           add a skill, or change its level
  desk agent set bob --capacity 15 --role lead  more tickets, and lead rights
  desk agent set bob --contact email=bob@example.com
                                                where his notifications go")]
pub struct SetArgs {
    pub name: String,
    /// Replace the skills (comma-separated, optional level 1-5: db:3; empty to clear)
    #[arg(long, value_delimiter = ',', value_name = "SKILLS", num_args = 0..=1)]
    pub skills: Option<Vec<String>>,
    /// Add skills, or change their level (comma-separated, e.g. db:4)
    #[arg(long, value_delimiter = ',', value_name = "SKILLS", conflicts_with = "skills")]
    pub add_skill: Vec<String>,
    /// Remove skills, whatever their level (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "SKILLS", conflicts_with = "skills")]
    pub remove_skill: Vec<String>,
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub capacity: Option<u32>,
    #[arg(long, value_parser = PossibleValuesParser::new(["agent", "lead", "admin"]))]
    pub role: Option<String>,
    /// Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, feishu=URL, or a
    /// sink's name (repeatable; KEY= removes it). Agents may set their own.
    #[arg(long, value_name = "KEY=VALUE")]
    pub contact: Vec<String>,
    /// The OS account (on a team store: the PostgreSQL role) that signs in as this agent
    /// (admins; empty: the one named like the agent)
    #[arg(long, value_name = "LOGIN")]
    pub os_user: Option<String>,
}

pub fn run(ctx: &Context, command: &AgentCommand) -> Result<(), CommandError> {
    match command {
        AgentCommand::Add(args) => add(ctx, args),
        AgentCommand::List => list(ctx),
        AgentCommand::Show(args) => show(ctx, args),
        AgentCommand::Status(args) => status(ctx, args),
        AgentCommand::Set(args) => set(ctx, args),
    }
}

fn require_admin(ctx: &Context, txn: &Txn<'_>, what: &str) -> Result<(), CommandError> {
    ctx.require_admin(txn, what)
        .map_err(|e| e.with_hint("ask an admin; the OS account that ran `desk init` is one"))
}

/// Make OS account `login` sign in as desk user `name` (an empty `login`: the account of
/// the same name again), replacing `previous`. Returns the record's new `os_user`. One
/// account signs in as one desk user: a login another user holds is a conflict (exit 6).
pub(crate) fn map_os_user(
    txn: &mut Txn<'_>,
    name: &str,
    previous: Option<&str>,
    login: &str,
) -> Result<Option<String>, CommandError> {
    let login = login.trim();
    let wanted = if login.is_empty() || login == name {
        None
    } else {
        Some(login)
    };
    if let Some(login) = wanted {
        validate_name("OS account", login)?;
        if let Some(holder) = txn
            .desk_user_of_os_account(login)?
            .filter(|holder| holder != name)
        {
            return Err(
                CommandError::conflict(format!("OS account {login} already signs in as {holder}")).with_hint(
                    format!(
                        "unmap it first: `desk agent set {holder} --os-user ''` (or `desk requester set`)"
                    ),
                ),
            );
        }
    }
    if let Some(previous) = previous {
        txn.map_os_account(previous, None);
    }
    if let Some(login) = wanted {
        txn.map_os_account(login, Some(name));
    }
    Ok(wanted.map(str::to_string))
}

/// Skills as given (`name` or `name:level`), checked; a name given twice keeps the last.
fn checked_skills(skills: &[String]) -> Result<Vec<String>, CommandError> {
    let mut out: Vec<String> = Vec::new();
    for skill in skills.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let (name, _) = parse_agent_skill(skill)?;
        match out.iter().position(|s| skill_name(s) == name) {
            Some(at) => out[at] = skill.to_string(),
            None => out.push(skill.to_string()),
        }
    }
    Ok(out)
}

/// `db` of `db:3`.
fn skill_name(skill: &str) -> &str {
    skill.split_once(':').map_or(skill, |(name, _)| name)
}

/// Open tickets (pending, awaiting) assigned to `name`: the load routing counts. Closed
/// tickets stay in the hot store (and its assignee index) until archived; they do not count.
fn open_tickets(txn: &Txn<'_>, name: &str) -> Result<usize, CommandError> {
    let assigned = txn.query_tickets(&TicketQuery {
        assignee: Some(name.to_string()),
        ..Default::default()
    })?;
    Ok(assigned.iter().filter(|t| t.status.is_open()).count())
}

fn add(ctx: &Context, args: &AddArgs) -> Result<(), CommandError> {
    validate_name("agent", &args.name)?;
    let skills = checked_skills(&args.skills)?;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    require_admin(ctx, &txn, "add agents")?;
    if txn.agent(&args.name)?.is_some() {
        return Err(
            CommandError::conflict(format!("agent `{}` already exists", args.name))
                .with_hint(format!("change it with `desk agent set {} …`", args.name)),
        );
    }
    let mut agent = Agent {
        name: args.name.clone(),
        skills,
        capacity: args.capacity,
        role: args.role.parse()?,
        status: args.status.parse()?,
        created_at: ctx.now,
        updated_at: ctx.now,
        os_user: None,
    };
    if let Some(login) = &args.os_user {
        agent.os_user = map_os_user(&mut txn, &agent.name, None, login)?;
    }
    txn.put_agent(&agent);
    txn.commit()?;
    drop(store);
    print_agent_change(ctx, &agent, 0, format!("Added {} {}", agent.role, agent.name))
}

fn print_agent_change(ctx: &Context, agent: &Agent, open: usize, text: String) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        ctx.ui.json(&AgentJson::new(agent, open))
    } else if ctx.ui.is_quiet() {
        ctx.ui.line(&agent.name)
    } else {
        ctx.ui.line(text)
    }
}

fn list(ctx: &Context) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let txn = store.txn();
    let agents = txn.agents()?;
    let counts = agents
        .iter()
        .map(|a| open_tickets(&txn, &a.name))
        .collect::<Result<Vec<_>, _>>()?;
    drop(txn);
    drop(store);
    if ctx.ui.is_json() {
        let items: Vec<AgentJson> = agents
            .iter()
            .zip(&counts)
            .map(|(a, n)| AgentJson::new(a, *n))
            .collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for agent in &agents {
            ctx.ui.line(&agent.name)?;
        }
        return Ok(());
    }
    let rows = agents
        .iter()
        .zip(&counts)
        .map(|(a, n)| {
            vec![
                StyledCell::plain(&a.name),
                StyledCell::plain(a.role.as_str()),
                StyledCell::colored(a.status.as_str(), status_color(a.status)),
                StyledCell::plain(format!("{n}/{}", a.capacity)),
                StyledCell::plain(a.skills.join(",")),
            ]
        })
        .collect();
    ctx.ui.table(&["NAME", "ROLE", "STATUS", "LOAD", "SKILLS"], rows)
}

fn status_color(status: AgentStatus) -> Color {
    match status {
        AgentStatus::Online => Color::Green,
        AgentStatus::Busy => Color::Yellow,
        AgentStatus::Offline => Color::DarkGrey,
    }
}

fn show(ctx: &Context, args: &NameArgs) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let txn = store.txn();
    let agent = ctx.agent(&txn, &args.name)?;
    let tickets = txn.query_tickets(&TicketQuery {
        assignee: Some(agent.name.clone()),
        ..Default::default()
    })?;
    let contacts = txn.contacts(Person::Agent, &agent.name)?;
    drop(txn);
    drop(store);
    let open: Vec<_> = tickets.iter().filter(|t| t.status.is_open()).collect();
    if ctx.ui.is_json() {
        return ctx.ui.json(&AgentJson::new(&agent, open.len()));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(&agent.name);
    }
    let ui = &ctx.ui;
    ui.line(format!(
        "{}  ({}, {})",
        agent.name,
        agent.role,
        ui.paint(agent.status.as_str(), status_color(agent.status))
    ))?;
    ui.line(format!(
        "  skills    {}",
        if agent.skills.is_empty() {
            "-".to_string()
        } else {
            agent.skills.join(", ")
        }
    ))?;
    ui.line(format!("  contacts  {}", notify_contacts::describe(&contacts)))?;
    ui.line(format!(
        "  load      {}/{} open tickets",
        open.len(),
        agent.capacity
    ))?;
    for ticket in open {
        ui.line(format!(
            "    {}  {}  {}  {}",
            ticket.display_id(),
            ticket.status,
            ticket.priority,
            ticket.title
        ))?;
    }
    Ok(())
}

fn status(ctx: &Context, args: &StatusArgs) -> Result<(), CommandError> {
    let new_status: AgentStatus = args.status.parse()?;
    if args.rebalance && new_status != AgentStatus::Offline {
        return Err(CommandError::invalid(format!(
            "--rebalance applies when an agent goes offline, not {new_status}"
        ))
        .with_hint("busy agents keep their tickets; they only get no new ones"));
    }
    if args.rebalance {
        return status_offline_rebalance(ctx, args);
    }
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    let mut agent = ctx.agent(&txn, &args.name)?;
    if agent.name != ctx.user() {
        let allowed = txn.agent(ctx.user())?.is_some_and(|me| me.role.can_dispatch());
        if !allowed {
            return Err(CommandError::denied(format!(
                "permission denied: agents set only their own status; leads and admins set anyone's (`{}` is neither)",
                ctx.user()
            )));
        }
    }
    let previous = agent.status;
    agent.status = new_status;
    agent.updated_at = ctx.now;
    txn.put_agent(&agent);
    txn.commit()?;
    let open = open_count(&store, &agent.name)?;
    drop(store);
    print_agent_change(
        ctx,
        &agent,
        open,
        format!("{}: {previous} → {new_status}", agent.name),
    )
}

/// `desk agent status NAME offline --rebalance`: the status change and the agent's
/// unstarted tickets leaving them (`desk assign rebalance` for one agent), in one commit.
fn status_offline_rebalance(ctx: &Context, args: &StatusArgs) -> Result<(), CommandError> {
    use crate::cli::commands::assign::{rebalance, Inputs};
    ctx.home.require()?;
    let config = ctx.config()?;
    let catalog = ctx.catalog()?;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    let mut agent = ctx.agent(&txn, &args.name)?;
    // Their own unstarted tickets are theirs to hand back (a handler may transfer them
    // anyway); anyone else's need a lead or an admin.
    if agent.name != ctx.user() && !txn.agent(ctx.user())?.is_some_and(|me| me.role.can_dispatch()) {
        return Err(CommandError::denied(format!(
            "permission denied: agents set only their own status; leads and admins set anyone's (`{}` is neither)",
            ctx.user()
        )));
    }
    let previous = agent.status;
    agent.status = AgentStatus::Offline;
    agent.updated_at = ctx.now;
    txn.put_agent(&agent);
    let inputs = Inputs::load(ctx, &txn, &config.routing)?;
    let mut router = inputs.router();
    let moves = rebalance::plan(&txn, &mut router, &inputs, &catalog, &[agent.name.as_str()])?;
    rebalance::apply(ctx, &mut txn, &moves)?;
    txn.commit()?;
    if !moves.is_empty() {
        ctx.after_write(&store);
    }
    let open = open_count(&store, &agent.name)?;
    drop(store);
    if ctx.ui.is_json() {
        #[derive(serde::Serialize)]
        struct StatusJson<'a> {
            #[serde(flatten)]
            agent: AgentJson<'a>,
            moves: Vec<rebalance::MoveJson<'a>>,
        }
        return ctx.ui.json(&StatusJson {
            agent: AgentJson::new(&agent, open),
            moves: moves.iter().map(rebalance::MoveJson::new).collect(),
        });
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(&agent.name);
    }
    ctx.ui.line(format!("{}: {previous} → offline", agent.name))?;
    for planned in &moves {
        ctx.ui.line(format!(
            "  {} → {}  ({})",
            planned.ticket.display_id(),
            planned.to.map_or("queue", |a| a.name.as_str()),
            planned.reason
        ))?;
    }
    ctx.ui.line(format!("  {}", rebalance::summary(false, &moves)))
}

fn open_count(store: &Store, name: &str) -> Result<usize, CommandError> {
    open_tickets(&store.txn(), name)
}

fn set(ctx: &Context, args: &SetArgs) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    // Agents keep their own contacts; every other change is for admins.
    let own_contacts = args.name == ctx.user() && !args.contact.is_empty();
    if !own_contacts {
        require_admin(ctx, &txn, "change agents")?;
    }
    let mut agent = ctx.agent(&txn, &args.name)?;
    let mut changes = Vec::new();
    if let Some(skills) = &args.skills {
        agent.skills = checked_skills(skills)?;
        changes.push(format!("skills = {}", agent.skills.join(",")));
    }
    for skill in checked_skills(&args.add_skill)? {
        match agent
            .skills
            .iter()
            .position(|s| skill_name(s) == skill_name(&skill))
        {
            Some(at) if agent.skills[at] == skill => {}
            Some(at) => {
                changes.push(format!("{} → {skill}", agent.skills[at]));
                agent.skills[at] = skill;
            }
            None => {
                changes.push(format!("+{skill}"));
                agent.skills.push(skill);
            }
        }
    }
    for name in &args.remove_skill {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        validate_skill(skill_name(name))?;
        match agent
            .skills
            .iter()
            .position(|s| skill_name(s) == skill_name(name))
        {
            Some(at) => changes.push(format!("-{}", agent.skills.remove(at))),
            // A typo must not pass for a removal that happened.
            None => {
                return Err(CommandError::not_found(format!(
                    "{} has no skill `{}` (skills: {})",
                    agent.name,
                    skill_name(name),
                    if agent.skills.is_empty() {
                        "none".to_string()
                    } else {
                        agent.skills.join(", ")
                    }
                )))
            }
        }
    }
    if let Some(capacity) = args.capacity {
        agent.capacity = capacity;
        changes.push(format!("capacity = {capacity}"));
    }
    if let Some(role) = &args.role {
        let role: Role = role.parse()?;
        if agent.role == Role::Admin && role != Role::Admin {
            txn.guard_admins();
            let admins = txn.agents()?.iter().filter(|a| a.role == Role::Admin).count();
            if admins == 1 {
                return Err(CommandError::denied(
                    "permission denied: this is the last admin; make someone else admin first",
                ));
            }
        }
        agent.role = role;
        changes.push(format!("role = {role}"));
    }
    if let Some(login) = &args.os_user {
        let previous = agent.os_user.clone();
        agent.os_user = map_os_user(&mut txn, &agent.name, previous.as_deref(), login)?;
        if agent.os_user != previous {
            changes.push(format!(
                "os user = {}",
                agent.os_user.as_deref().unwrap_or(&agent.name)
            ));
        }
    }
    if own_contacts && !changes.is_empty() {
        require_admin(ctx, &txn, "change agents' skills, capacity, role and OS account")?;
    }
    changes.extend(notify_contacts::apply(
        &mut txn,
        Person::Agent,
        &agent.name,
        &args.contact,
    )?);
    if changes.is_empty() {
        return Err(CommandError::invalid("nothing to change").with_hint(
            "pass --skills, --add-skill, --remove-skill, --capacity, --role, --contact or --os-user",
        ));
    }
    agent.updated_at = ctx.now;
    txn.put_agent(&agent);
    txn.commit()?;
    let open = open_count(&store, &agent.name)?;
    drop(store);
    print_agent_change(
        ctx,
        &agent,
        open,
        format!("{}: {}", agent.name, changes.join(", ")),
    )
}
