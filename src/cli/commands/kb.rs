//! `desk kb …`: the knowledge base (知识库). Articles are answers written once and reused:
//! found by `kb search`, suggested before a ticket is filed, and sent as replies with
//! `desk ticket reply ID --kb ARTICLE` (which counts a use).
//!
//! Any agent may add articles; the author, a lead or an admin may edit one; everyone
//! (requesters too) may read and search them.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;

use crate::cli::context::Context;
use crate::cli::error::CommandError;
use crate::cli::intake;
use crate::cli::output;
use crate::cli::search::{open_engine, HitJson};
use crate::cli::ui::StyledCell;
use crate::domain::kb::{self, Article, ArticleChange, ArticleRef};
use crate::search::{DocKind, SearchRequest};
use crate::store::Txn;

#[derive(Debug, Subcommand)]
pub enum KbCommand {
    /// Write a new article (agents)
    Add(AddArgs),
    /// Change an article's title, body, tags or types (its author, leads and admins)
    Edit(EditArgs),
    /// Show an article with its uses
    Show(ShowArgs),
    /// List articles, most used first
    List(ListArgs),
    /// Find articles by words, best match first
    Search(SearchArgs),
}

#[derive(Debug, Args)]
pub struct BodyArgs {
    /// The article's text; `-` reads standard input
    #[arg(long, value_name = "TEXT", conflicts_with = "body_file")]
    pub body: Option<String>,
    /// Read the text from a file
    #[arg(long, value_name = "FILE")]
    pub body_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk kb add --title \"Reset your VPN token\" --body-file vpn-reset.md \\
      --tag vpn -t incident
                        an article for incidents, tagged vpn
  desk kb add --title \"Printer offline\" --body -
                        read the text from standard input")]
pub struct AddArgs {
    /// One-line title
    #[arg(long, value_name = "TEXT")]
    pub title: String,
    #[command(flatten)]
    pub body: BodyArgs,
    /// A label, e.g. vpn (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// A ticket type the article answers (repeatable) [default: any type]
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub types: Vec<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk kb edit KB-3 --body-file vpn-reset.md  replace the text
  desk kb edit KB-3 --tag vpn --tag token     replace the tags
  desk kb edit 3 --any-type                   it answers tickets of any type")]
pub struct EditArgs {
    /// Article id: 3 or KB-3
    #[arg(value_parser = parse_article_ref, value_name = "ID")]
    pub id: ArticleRef,
    /// New title
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    #[command(flatten)]
    pub body: BodyArgs,
    /// Replace the tags with these (repeatable)
    #[arg(long = "tag", value_name = "TAG", conflicts_with = "clear_tags")]
    pub tags: Vec<String>,
    /// Remove every tag
    #[arg(long)]
    pub clear_tags: bool,
    /// Replace the linked ticket types with these (repeatable)
    #[arg(long = "type", short = 't', value_name = "TYPE", conflicts_with = "any_type")]
    pub types: Vec<String>,
    /// Link the article to no type in particular (it answers any)
    #[arg(long)]
    pub any_type: bool,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk kb show KB-3      the article, and the replies that sent it
  desk kb show 3 --json  the same, for a script")]
pub struct ShowArgs {
    /// Article id: 3 or KB-3
    #[arg(value_parser = parse_article_ref, value_name = "ID")]
    pub id: ArticleRef,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk kb list                        every article, most used first
  desk kb list --tag vpn -t incident  vpn articles for incidents")]
pub struct ListArgs {
    /// Only articles with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Only articles for this ticket type (and those for any type)
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub ticket_type: Option<String>,
}

#[derive(Debug, Args)]
#[command(after_help = "Examples:
  desk kb search vpn token                 best match first
  desk kb search printer -t incident -n 3  the top three for incidents")]
pub struct SearchArgs {
    /// Words to look for
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,
    /// Only articles for this ticket type (and those for any type)
    #[arg(long = "type", short = 't', value_name = "TYPE")]
    pub ticket_type: Option<String>,
    /// Show at most this many
    #[arg(long, short = 'n', value_name = "N", default_value_t = 10)]
    pub limit: usize,
}

pub fn parse_article_ref(text: &str) -> Result<ArticleRef, String> {
    text.parse::<ArticleRef>().map_err(|e| e.to_string())
}

pub fn run(ctx: &Context, command: &KbCommand) -> Result<(), CommandError> {
    match command {
        KbCommand::Add(args) => add(ctx, args),
        KbCommand::Edit(args) => edit(ctx, args),
        KbCommand::Show(args) => show(ctx, args),
        KbCommand::List(args) => list(ctx, args),
        KbCommand::Search(args) => search(ctx, args),
    }
}

/// An article as `--json` prints it.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    pub id: u64,
    pub key: String,
    pub title: &'a str,
    pub body: &'a str,
    pub tags: &'a [String],
    /// Ticket types it answers; empty: any.
    pub types: &'a [String],
    pub author: &'a str,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Replies that sent it (`ticket reply --kb`).
    pub uses: u64,
}

impl<'a> ArticleJson<'a> {
    pub fn new(article: &'a Article) -> Self {
        ArticleJson {
            id: article.id,
            key: article.display_id(),
            title: &article.title,
            body: &article.body,
            tags: &article.tags,
            types: &article.types,
            author: &article.author,
            created_at: article.created_at,
            updated_at: article.updated_at,
            uses: article.uses,
        }
    }
}

fn read_body(ctx: &Context, args: &BodyArgs) -> Result<Option<String>, CommandError> {
    crate::cli::intake::read_body(&ctx.io, args.body.as_deref(), args.body_file.as_deref())
}

/// Linked types must be types of the home (a typo is exit 3 with a hint).
fn check_types(ctx: &Context, types: &[String]) -> Result<Vec<String>, CommandError> {
    if types.is_empty() {
        return Ok(Vec::new());
    }
    let catalog = ctx.catalog()?;
    let mut out = Vec::new();
    for name in types {
        if catalog.broken(name).is_none() {
            intake::find_template(&catalog, name)?;
        }
        if !out.contains(name) {
            out.push(name.clone());
        }
    }
    Ok(out)
}

fn find(txn: &Txn<'_>, id: ArticleRef) -> Result<Article, CommandError> {
    txn.article(id.0)?.ok_or_else(|| {
        CommandError::not_found(format!("article {id} not found"))
            .with_hint("list articles with `desk kb list`")
    })
}

/// The article `reference` names, for `ticket reply --kb`.
pub fn find_article(txn: &Txn<'_>, reference: ArticleRef) -> Result<Article, CommandError> {
    find(txn, reference)
}

fn add(ctx: &Context, args: &AddArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let change = ArticleChange {
        title: Some(args.title.clone()),
        body: read_body(ctx, &args.body)?,
        tags: Some(args.tags.clone()),
        types: Some(check_types(ctx, &args.types)?),
    };
    // Checked before the store is opened; the id is only allocated once it is valid.
    kb::create(0, change.clone(), ctx.user(), ctx.now)?;
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    if txn.agent(ctx.user())?.is_none() {
        return Err(CommandError::denied(format!(
            "permission denied: only agents write knowledge-base articles, and `{}` is not an agent",
            ctx.user()
        )));
    }
    let id = txn.allocate_article_id()?;
    let article = kb::create(id, change, ctx.user(), ctx.now)?;
    txn.put_article(&article)?;
    txn.commit()?;
    ctx.after_write(&store);
    drop(store);
    report(ctx, &article, "Added")
}

fn edit(ctx: &Context, args: &EditArgs) -> Result<(), CommandError> {
    ctx.home.require()?;
    let tags = if args.clear_tags {
        Some(Vec::new())
    } else {
        (!args.tags.is_empty()).then(|| args.tags.clone())
    };
    let types = if args.any_type {
        Some(Vec::new())
    } else if args.types.is_empty() {
        None
    } else {
        Some(check_types(ctx, &args.types)?)
    };
    let change = ArticleChange {
        title: args.title.clone(),
        body: read_body(ctx, &args.body)?,
        tags,
        types,
    };
    if change.title.is_none() && change.body.is_none() && change.tags.is_none() && change.types.is_none() {
        return Err(CommandError::invalid("nothing to change")
            .with_hint("pass --title, --body, --body-file, --tag, --clear-tags, --type or --any-type"));
    }
    let store = ctx.open_store()?;
    let mut txn = store.txn();
    let mut article = find(&txn, args.id)?;
    let agent = txn.agent(ctx.user())?;
    if !kb::may_edit(agent.as_ref(), &article) {
        return Err(CommandError::denied(format!(
            "permission denied: only its author ({}), leads and admins edit {}",
            article.author,
            article.display_id()
        )));
    }
    kb::apply(&mut article, change, ctx.now)?;
    txn.put_article(&article)?;
    txn.commit()?;
    ctx.after_write(&store);
    drop(store);
    report(ctx, &article, "Updated")
}

fn report(ctx: &Context, article: &Article, done: &str) -> Result<(), CommandError> {
    if ctx.ui.is_json() {
        return ctx.ui.json(&ArticleJson::new(article));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(article.id.to_string());
    }
    ctx.ui
        .line(format!("{done} {}: {}", article.display_id(), article.title))
}

fn show(ctx: &Context, args: &ShowArgs) -> Result<(), CommandError> {
    let store = ctx.open_store()?;
    let article = find(&store.txn(), args.id)?;
    drop(store);
    if ctx.ui.is_json() {
        return ctx.ui.json(&ArticleJson::new(&article));
    }
    if ctx.ui.is_quiet() {
        return ctx.ui.line(article.id.to_string());
    }
    let list = |items: &[String], empty: &str| {
        if items.is_empty() {
            empty.to_string()
        } else {
            items.join(", ")
        }
    };
    ctx.ui
        .line(format!("{}  {}", article.display_id(), article.title))?;
    ctx.ui.line(format!("  tags     {}", list(&article.tags, "-")))?;
    ctx.ui
        .line(format!("  types    {}", list(&article.types, "any")))?;
    ctx.ui.line(format!(
        "  author   {} (added {}, updated {})",
        article.author,
        output::time(article.created_at),
        output::time(article.updated_at)
    ))?;
    ctx.ui.line(format!("  uses     {}", article.uses))?;
    if !article.body.trim().is_empty() {
        ctx.ui.line("")?;
        for line in article.body.trim_end().lines() {
            ctx.ui.line(format!("  {line}"))?;
        }
    }
    Ok(())
}

fn list(ctx: &Context, args: &ListArgs) -> Result<(), CommandError> {
    if let Some(name) = &args.ticket_type {
        check_types(ctx, std::slice::from_ref(name))?;
    }
    let store = ctx.open_store()?;
    let mut articles = store.txn().articles()?;
    drop(store);
    let tag = args.tag.as_ref().map(|t| t.trim().to_lowercase());
    articles.retain(|a| {
        tag.as_ref().is_none_or(|tag| a.tags.contains(tag))
            && args
                .ticket_type
                .as_ref()
                .is_none_or(|t| a.types.is_empty() || a.types.contains(t))
    });
    // Most used first: the answers the desk relies on.
    articles.sort_by(|a, b| b.uses.cmp(&a.uses).then(a.id.cmp(&b.id)));
    if ctx.ui.is_json() {
        let items: Vec<ArticleJson> = articles.iter().map(ArticleJson::new).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for article in &articles {
            ctx.ui.line(article.id.to_string())?;
        }
        return Ok(());
    }
    if articles.is_empty() {
        ctx.ui
            .note("No articles match. Agents add them with `desk kb add --title …`.");
        return Ok(());
    }
    let rows = articles
        .iter()
        .map(|a| {
            vec![
                StyledCell::plain(a.display_id()),
                StyledCell::plain(a.uses.to_string()),
                StyledCell::plain(&a.title),
                StyledCell::plain(if a.tags.is_empty() {
                    "-".into()
                } else {
                    a.tags.join(",")
                }),
                StyledCell::plain(if a.types.is_empty() {
                    "any".into()
                } else {
                    a.types.join(",")
                }),
                StyledCell::plain(output::age(a.updated_at, ctx.now)),
            ]
        })
        .collect();
    ctx.ui
        .table(&["ID", "USES", "TITLE", "TAGS", "TYPES", "UPDATED"], rows)
}

fn search(ctx: &Context, args: &SearchArgs) -> Result<(), CommandError> {
    if args.limit == 0 {
        return Err(CommandError::invalid("--limit must be at least 1"));
    }
    let text = args.query.join(" ");
    if crate::search::query_terms(&text).is_empty() {
        return Err(crate::search::SearchError::EmptyQuery(text).into());
    }
    if let Some(name) = &args.ticket_type {
        check_types(ctx, std::slice::from_ref(name))?;
    }
    let engine = open_engine(ctx, false, false)?;
    let hits = engine.search(&SearchRequest {
        text,
        kind: DocKind::Article,
        ticket_type: args.ticket_type.clone(),
        limit: args.limit,
        ..Default::default()
    })?;
    drop(engine);
    if ctx.ui.is_json() {
        let items: Vec<HitJson> = hits.iter().map(HitJson::article).collect();
        return ctx.ui.json(&items);
    }
    if ctx.ui.is_quiet() {
        for hit in &hits {
            ctx.ui.line(hit.id.to_string())?;
        }
        return Ok(());
    }
    if hits.is_empty() {
        ctx.ui.note("No articles match.");
        return Ok(());
    }
    let rows = hits
        .iter()
        .map(|hit| {
            vec![
                StyledCell::plain(&hit.key),
                StyledCell::plain(format!("{:.2}", hit.score)),
                StyledCell::plain(&hit.title),
                StyledCell::plain(if hit.tags.is_empty() {
                    "-".into()
                } else {
                    hit.tags.join(",")
                }),
                StyledCell::plain(&hit.snippet),
            ]
        })
        .collect();
    ctx.ui.table(&["ID", "SCORE", "TITLE", "TAGS", "SNIPPET"], rows)
}
