//! `desk init`: create the home, its config, the store, and the first admin.

use std::fs;

use clap::Args;
use serde::Serialize;

use crate::cli::context::{Context, StoreLocation};
use crate::cli::error::{CommandError, ExitKind};
use crate::cli::perms::{secure_root, HomeMode};
use crate::domain::config::DEFAULT_CONFIG_TOML;
use crate::domain::{Agent, AgentStatus, AuthMethod, Identity, Role};
use crate::env_vars;

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
#[command(after_help = "Examples:
  desk init --examples   a private home (0700) administered by your OS account
  desk init --group ops  a home for the `ops` group (2770 dirs, 0660 files)
  desk init --store postgres://desk@db.internal/desk
                         this host's home on the team's PostgreSQL store")]
pub struct InitArgs {
    /// Also install example ticket types (incident, access-request, ci-failure, customer-complaint)
    #[arg(long)]
    pub examples: bool,
    /// Share the new home with this OS group: directories 2770, files 0660
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Keep tickets in a team store on PostgreSQL that other hosts share, instead of the
    /// embedded one: written to config.toml as [store] url (password: [store] password,
    /// PGPASSWORD or ~/.pgpass)
    #[arg(long, value_name = "URL")]
    pub store: Option<String>,
    /// FOR TESTS ONLY: trust --as / DESK_USER as the acting user, with no admin check.
    /// Only when the home is created; `desk doctor` reports it. Never use it for a real desk.
    #[arg(long)]
    pub insecure_test_identities: bool,
}

#[derive(Serialize)]
struct InitJson {
    home: String,
    created: bool,
    admin: Option<String>,
    templates_installed: Vec<String>,
    /// The types a new team store was given from this home's templates/.
    templates_published: Vec<String>,
    /// Whether config.toml's settings (all but `[store]`) were published to a new team store.
    config_published: bool,
    /// `private` or `group:NAME`.
    access: String,
    insecure_test_identities: bool,
    /// The `[[notify.sinks]]` config.toml names; none after a fresh init.
    notification_sinks: Vec<String>,
    /// `embedded`, or `postgres` for a team store.
    store: &'static str,
}

pub fn run(ctx: &Context, args: &InitArgs) -> Result<(), CommandError> {
    let home = &ctx.home;
    let created = !home.is_initialized();
    let fail = |what: &str, e: std::io::Error| {
        CommandError::new(ExitKind::Failure, format!("cannot create {what}: {e}"))
    };
    if !created && (args.group.is_some() || args.insecure_test_identities || args.store.is_some()) {
        let (flag, hint) = if args.group.is_some() {
            ("--group", ACCESS_MODE_HINT)
        } else if args.store.is_some() {
            (
                "--store",
                "a home keeps the store it was made with: make a new home with --store and move the tickets with `desk export` and `desk import` (docs/postgres.md)",
            )
        } else {
            ("--insecure-test-identities", ACCESS_MODE_HINT)
        };
        return Err(CommandError::conflict(format!(
            "{flag} applies only when a home is created, and {} already exists",
            home.root().display()
        ))
        .with_hint(hint));
    }
    // A team store (--store, or DESK_STORE) is reached before anything is written here:
    // a typo'd host leaves no home. This also learns the role it signs in as, who may
    // become the first admin. (Only DESK_STORE is read here: the home's config.toml, if
    // any, is read once, after it is written.)
    let team = match &args.store {
        Some(url) => Some(team_store(url)?),
        None if env_vars::get(env_vars::DESK_STORE).is_some() => Some(ctx.store_location()?),
        None => None,
    };
    if let Some(location) = team {
        drop(ctx.open_backend_at(location)?);
    }
    if created && !args.insecure_test_identities {
        refuse_other_first_admin(ctx)?;
    }
    let mode = match &args.group {
        Some(group) => HomeMode::group(group).map_err(|e| {
            CommandError::invalid(e)
                .with_hint("create it first (groupadd), or leave out --group for a private home")
        })?,
        None if created => HomeMode::Private,
        None => HomeMode::of(home.root()),
    };
    mode.apply_umask();
    fs::create_dir_all(home.root()).map_err(|e| fail(&home.root().display().to_string(), e))?;
    if created {
        secure_root(home.root(), &mode)
            .map_err(|e| fail(&format!("the mode of {}", home.root().display()), e))?;
    }
    fs::create_dir_all(home.templates_dir())
        .map_err(|e| fail(&home.templates_dir().display().to_string(), e))?;
    if !home.config_path().exists() {
        let config = match &args.store {
            Some(url) => format!(
                "{DEFAULT_CONFIG_TOML}\n# The team store this home shares with other hosts (docs/postgres.md).\n[store]\nurl = {}\n# password = \"env:DESK_PG_PASSWORD\"   # or PGPASSWORD / ~/.pgpass\n",
                toml::Value::String(url.clone())
            ),
            None => DEFAULT_CONFIG_TOML.to_string(),
        };
        fs::write(home.config_path(), config).map_err(|e| fail("config.toml", e))?;
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
    let shared = matches!(ctx.store_location()?, StoreLocation::Postgres { .. });
    if !shared {
        fs::create_dir_all(home.hot_dir()).map_err(|e| fail("the store", e))?;
    }

    let store = ctx.open_store_unauthenticated()?;
    let mut txn = store.txn();
    // The first user to initialise a home administers it: the OS account running this
    // (or, in a test home, whoever --as names).
    let fresh = txn.agents()?.is_empty();
    if fresh {
        let identity = if args.insecure_test_identities {
            txn.set_test_identities();
            Identity::own(ctx.user(), AuthMethod::TestIdentity)
        } else if txn.test_identities()? {
            Identity::own(ctx.user(), AuthMethod::TestIdentity)
        } else {
            refuse_other_first_admin(ctx)?;
            let (admin, method) = ctx.signed_in();
            crate::domain::people::validate_name("admin", admin)?;
            Identity::own(admin, method)
        };
        ctx.set_identity(identity);
    } else {
        ctx.set_identity(ctx.authenticate(&txn)?);
    }
    let admin = if fresh {
        txn.put_agent(&Agent {
            name: ctx.user().to_string(),
            skills: Vec::new(),
            capacity: Agent::DEFAULT_CAPACITY,
            role: Role::Admin,
            status: AgentStatus::Online,
            created_at: ctx.now,
            updated_at: ctx.now,
            os_user: None,
        });
        Some(ctx.user().to_string())
    } else {
        None
    };
    // A new team store starts with this home's types, so every host that joins files the
    // same ones (`desk template publish` shares later edits).
    let mut published = Vec::new();
    if shared && fresh && txn.shared_templates()?.is_empty() {
        for template in home.catalog()?.templates {
            let path = home.templates_dir().join(format!("{}.toml", template.name));
            let source = fs::read_to_string(&path).map_err(|e| fail(&path.display().to_string(), e))?;
            txn.publish_template(&template.name, &source);
            published.push(template.name);
        }
    }
    // And with this home's settings: tiers, SLA policies, routing, sinks.
    let mut config_published = false;
    if shared && fresh && txn.shared_config()?.is_none() {
        let path = home.config_path();
        if let Ok(source) = fs::read_to_string(&path) {
            home.config()?;
            let settings = crate::domain::config::shared_part(&source)
                .map_err(|e| CommandError::invalid(format!("{}: {e}", path.display())))?;
            txn.publish_config(&settings);
            config_published = true;
        }
    }
    let store_test_identities = txn.test_identities()?;
    txn.commit()?;
    drop(store);

    // A fresh home sends nothing: say so, or people wait for messages that never come.
    let sinks: Vec<String> = home
        .config()?
        .notify
        .sinks
        .iter()
        .map(|sink| sink.name.clone())
        .collect();
    if ctx.ui.is_json() {
        return ctx.ui.json(&InitJson {
            home: home.root().display().to_string(),
            created,
            admin,
            templates_installed: installed,
            templates_published: published.clone(),
            config_published,
            access: match &mode {
                HomeMode::Private => "private".to_string(),
                HomeMode::Group { name, .. } => format!("group:{name}"),
            },
            insecure_test_identities: store_test_identities,
            notification_sinks: sinks,
            store: if shared { "postgres" } else { "embedded" },
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
            "Admin: {admin}, also an agent (online, capacity {}, no skills: `assign auto` gives them only tickets that need none; add agents with `desk agent add NAME --skills a,b`)",
            Agent::DEFAULT_CAPACITY
        ))?;
    }
    if created {
        ctx.ui.line(format!("Access: {}", mode.describe()))?;
    }
    if let StoreLocation::Postgres { url, .. } = ctx.store_location()? {
        let target = crate::store::postgres::parse_url(&url)
            .map(|config| crate::store::postgres::describe(&config))
            .unwrap_or(url);
        ctx.ui
            .line(format!("Store: team store on PostgreSQL at {target}"))?;
    }
    if store_test_identities && created {
        ctx.ui.warn(
            "insecure test identities: --as / DESK_USER are trusted without checks; use this home for tests only",
        );
    }
    if !installed.is_empty() {
        ctx.ui
            .line(format!("Installed templates: {}", installed.join(", ")))?;
    } else if !args.examples && created {
        ctx.ui
            .line("No ticket types yet: add TOML files to templates/, or run `desk init --examples`")?;
    }
    if !published.is_empty() {
        ctx.ui.line(format!(
            "Published to the team store: {} (every host uses these; edit, then `desk template publish`)",
            published.join(", ")
        ))?;
    }
    if config_published {
        ctx.ui.line(
            "Published to the team store: config.toml's settings, all but [store] (edit, then `desk config publish`)",
        )?;
    }
    if sinks.is_empty() {
        ctx.ui.line(format!(
            "Notifications: no sink configured yet, so nothing is sent (events wait in the outbox)\n  \
             add a webhook, e-mail or command sink ([[notify.sinks]]) to {}, then run `desk notify flush` from cron",
            home.config_path().display()
        ))?;
    } else {
        ctx.ui.line(format!("Notification sinks: {}", sinks.join(", ")))?;
    }
    Ok(())
}

const ACCESS_MODE_HINT: &str =
    "`desk doctor` shows the home's access mode; `desk doctor --repair` tightens loose file modes";

/// `--store URL`, checked: a PostgreSQL URL that parses, with no password in it.
fn team_store(url: &str) -> Result<StoreLocation, CommandError> {
    let hint = "write it as postgres://USER@HOST:PORT/DATABASE (add ?sslmode=require for TLS)";
    if !crate::domain::config::is_store_url(url) {
        return Err(CommandError::invalid(format!("--store {url}: not a PostgreSQL URL")).with_hint(hint));
    }
    let config = crate::store::postgres::parse_url(url)
        .map_err(|e| CommandError::invalid(format!("--store: {e}")).with_hint(hint))?;
    if config.get_password().is_some() {
        return Err(CommandError::invalid(
            "--store: the URL holds a password, which would be written to config.toml in plain text",
        )
        .with_hint("leave it out of the URL and set PGPASSWORD, ~/.pgpass, or [store] password = \"env:NAME\" afterwards"));
    }
    Ok(StoreLocation::Postgres {
        url: url.to_string(),
        password: None,
        identity: crate::domain::config::StoreIdentity::default(),
    })
}

/// A production home's first admin is the OS account creating it: `--as` cannot name
/// someone else (refused before anything is written).
fn refuse_other_first_admin(ctx: &Context) -> Result<(), CommandError> {
    let (creator, _) = ctx.signed_in();
    match ctx.requested_user.as_deref().filter(|asked| *asked != creator) {
        Some(asked) => Err(CommandError::denied(format!(
            "permission denied: the first admin of a new home is the account that creates it ({creator}), not `{asked}`"
        ))
        .with_hint("drop --as / DESK_USER; add other agents afterwards with `desk agent add`")),
        None => Ok(()),
    }
}
