//! `desk agent …`: the people who handle tickets. Only admins add agents or change their
//! role, skills and capacity; agents set their own status (leads and admins anyone's).

use clap::builder::PossibleValuesParser;
use clap::{Args, Subcommand};
use comfy_table::Color;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::output::AgentJson;
use crate::cli::ui::StyledCell;
use crate::domain::people::{validate_name, validate_skill};
use crate::domain::{Agent, AgentStatus, Role};
use crate::store::keys::NameIndex;
use crate::store::{Store, TicketQuery, Txn};

#[derive(Debug, Subcommand)]
pub enum AgentCommand {
    /// Add an agent (admins)
    Add(AddArgs),
    /// List agents
    List,
    /// Show one agent and their open tickets
    Show(NameArgs),
    /// Set an agent's status: online, offline or busy
    Status(StatusArgs),
    /// Change an agent's skills, capacity or role (admins)
    Set(SetArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The agent's user name (what they pass as --as / DESK_USER)
    pub name: String,
    /// Skills, comma-separated (e.g. ops,network)
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
}

#[derive(Debug, Args)]
pub struct NameArgs {
    pub name: String,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    pub name: String,
    #[arg(value_parser = PossibleValuesParser::new(["online", "offline", "busy"]))]
    pub status: String,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    pub name: String,
    /// Replace the skills (comma-separated; empty to clear)
    #[arg(long, value_delimiter = ',', value_name = "SKILLS", num_args = 0..=1)]
    pub skills: Option<Vec<String>>,
    /// Add skills (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "SKILLS", conflicts_with = "skills")]
    pub add_skill: Vec<String>,
    /// Remove skills (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "SKILLS", conflicts_with = "skills")]
    pub remove_skill: Vec<String>,
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub capacity: Option<u32>,
    #[arg(long, value_parser = PossibleValuesParser::new(["agent", "lead", "admin"]))]
    pub role: Option<String>,
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
    match txn.agent(&ctx.user)? {
        Some(agent) if agent.role == Role::Admin => Ok(()),
        _ => Err(CommandError::denied(format!(
            "permission denied: only admins {what}, and `{}` is not an admin",
            ctx.user
        ))
        .with_hint("act as an admin with --as NAME; the user who ran `desk init` is one")),
    }
}

fn checked_skills(skills: &[String]) -> Result<Vec<String>, CommandError> {
    let mut out: Vec<String> = Vec::new();
    for skill in skills.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        validate_skill(skill)?;
        if !out.iter().any(|s| s == skill) {
            out.push(skill.to_string());
        }
    }
    Ok(out)
}

fn open_tickets(txn: &Txn<'_>, name: &str) -> Result<usize, CommandError> {
    Ok(txn.count_by(NameIndex::Assignee, name)?)
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
    let agent = Agent {
        name: args.name.clone(),
        skills,
        capacity: args.capacity,
        role: args.role.parse()?,
        status: args.status.parse()?,
        created_at: ctx.now,
        updated_at: ctx.now,
    };
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
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    let mut agent = ctx.agent(&txn, &args.name)?;
    if agent.name != ctx.user {
        let allowed = txn.agent(&ctx.user)?.is_some_and(|me| me.role.can_dispatch());
        if !allowed {
            return Err(CommandError::denied(format!(
                "permission denied: agents set only their own status; leads and admins set anyone's (`{}` is neither)",
                ctx.user
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

fn open_count(store: &Store, name: &str) -> Result<usize, CommandError> {
    open_tickets(&store.txn(), name)
}

fn set(ctx: &Context, args: &SetArgs) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    require_admin(ctx, &txn, "change agents")?;
    let mut agent = ctx.agent(&txn, &args.name)?;
    let mut changes = Vec::new();
    if let Some(skills) = &args.skills {
        agent.skills = checked_skills(skills)?;
        changes.push(format!("skills = {}", agent.skills.join(",")));
    }
    for skill in checked_skills(&args.add_skill)? {
        if !agent.skills.contains(&skill) {
            changes.push(format!("+{skill}"));
            agent.skills.push(skill);
        }
    }
    for skill in checked_skills(&args.remove_skill)? {
        if let Some(at) = agent.skills.iter().position(|s| *s == skill) {
            agent.skills.remove(at);
            changes.push(format!("-{skill}"));
        }
    }
    if let Some(capacity) = args.capacity {
        agent.capacity = capacity;
        changes.push(format!("capacity = {capacity}"));
    }
    if let Some(role) = &args.role {
        let role: Role = role.parse()?;
        if agent.role == Role::Admin && role != Role::Admin {
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
    if changes.is_empty() {
        return Err(CommandError::invalid("nothing to change")
            .with_hint("pass --skills, --add-skill, --remove-skill, --capacity or --role"));
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
