//! `desk init`: create the home, its config, the store, and the first admin.

use std::fs;

use clap::Args;
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::{CommandError, ExitKind};
use crate::domain::config::DEFAULT_CONFIG_TOML;
use crate::domain::{Agent, AgentStatus, Role};

/// The example ticket types `desk init --examples` installs (also under `examples/templates/`).
pub const EXAMPLE_TEMPLATES: [(&str, &str); 4] = [
    (
        "incident",
        include_str!("../../../examples/templates/incident.toml"),
    ),
    (
        "access-request",
        include_str!("../../../examples/templates/access-request.toml"),
    ),
    (
        "ci-failure",
        include_str!("../../../examples/templates/ci-failure.toml"),
    ),
    (
        "customer-complaint",
        include_str!("../../../examples/templates/customer-complaint.toml"),
    ),
];

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Also install example ticket types (incident, access-request, ci-failure, customer-complaint)
    #[arg(long)]
    pub examples: bool,
}

#[derive(Serialize)]
struct InitJson {
    home: String,
    created: bool,
    admin: Option<String>,
    templates_installed: Vec<String>,
}

pub fn run(ctx: &Context, args: &InitArgs) -> Result<(), CommandError> {
    let home = &ctx.home;
    let created = !home.is_initialized();
    let fail = |what: &str, e: std::io::Error| {
        CommandError::new(ExitKind::Failure, format!("cannot create {what}: {e}"))
    };
    fs::create_dir_all(home.templates_dir())
        .map_err(|e| fail(&home.templates_dir().display().to_string(), e))?;
    if !home.config_path().exists() {
        fs::write(home.config_path(), DEFAULT_CONFIG_TOML).map_err(|e| fail("config.toml", e))?;
    }
    let mut installed = Vec::new();
    if args.examples {
        for (name, source) in EXAMPLE_TEMPLATES {
            let path = home.templates_dir().join(format!("{name}.toml"));
            // Never overwrite a template the team has edited.
            if !path.exists() {
                fs::write(&path, source).map_err(|e| fail(&path.display().to_string(), e))?;
                installed.push(name.to_string());
            }
        }
    }
    fs::create_dir_all(home.hot_dir()).map_err(|e| fail("the store", e))?;

    let store = ctx.open_store()?;
    let mut txn = store.txn();
    // The first user to initialise a home administers it.
    let admin = if txn.agents()?.is_empty() {
        txn.put_agent(&Agent {
            name: ctx.user.clone(),
            skills: Vec::new(),
            capacity: Agent::DEFAULT_CAPACITY,
            role: Role::Admin,
            status: AgentStatus::Online,
            created_at: ctx.now,
            updated_at: ctx.now,
        });
        Some(ctx.user.clone())
    } else {
        None
    };
    txn.commit()?;
    drop(store);

    if ctx.ui.is_json() {
        return ctx.ui.json(&InitJson {
            home: home.root().display().to_string(),
            created,
            admin,
            templates_installed: installed,
        });
    }
    if ctx.ui.is_quiet() {
        return Ok(());
    }
    let root = home.root().display();
    if created {
        ctx.ui.line(format!("Initialized desk home at {root}"))?;
    } else {
        ctx.ui
            .line(format!("Desk home at {root} is already initialized"))?;
    }
    if let Some(admin) = admin {
        ctx.ui.line(format!(
            "Admin: {admin} (add agents with `desk agent add NAME --skills a,b`)"
        ))?;
    }
    if !installed.is_empty() {
        ctx.ui
            .line(format!("Installed templates: {}", installed.join(", ")))?;
    } else if !args.examples && created {
        ctx.ui
            .line("No ticket types yet: add TOML files to templates/, or run `desk init --examples`")?;
    }
    Ok(())
}
