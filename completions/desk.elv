
use builtin;
use str;

set edit:completion:arg-completer[desk] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'desk'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'desk'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand init 'Create the desk home: config, templates, store (safe to run again)'
            cand ticket 'File, list, show and move tickets through their lifecycle'
            cand template 'List, show and check ticket types (TOML templates)'
            cand config 'Show the settings in effect; share config.toml with every host of a team store'
            cand kb 'Knowledge base (知识库): articles to answer with, searched and suggested'
            cand ingest 'Take in tickets from other channels (e-mail)'
            cand agent 'Manage agents: skills, capacity, role and status'
            cand sla 'SLA: warn on tickets at risk, record and escalate breaches (run from cron)'
            cand requester 'Manage requesters and their tiers'
            cand assign 'Route tickets to agents by skills, load and quality, and explain why'
            cand notify 'Notifications: send what the outbox holds (from cron), list and retry failures'
            cand report 'The desk''s figures over a period: volumes, backlog, response and resolution times, SLA, CSAT'
            cand archive 'Move old closed tickets to the cold archive now, show its figures, purge past retention'
            cand doctor 'Check the store''s indexes, histories and archive; repair what is derived; migrate'
            cand migrate 'Upgrade the store (and a team store''s tables) for this desk, or check what is due'
            cand export 'Write tickets with their history, and people, as JSONL or CSV (leads and admins)'
            cand import 'Read a `desk export` (JSONL) or a spreadsheet (CSV) into this home (admins)'
            cand backup 'Write a consistent, checksummed snapshot of the whole home while desk keeps running (leads and admins)'
            cand restore 'Bring a home back from a backup, after checking all of it (admins to replace a home)'
            cand audit 'Who did what as whom: impersonated, privileged and refused commands (admins)'
            cand serve 'Serve the desk over HTTP: a JSON API for holders of an API token (`desk token`)'
            cand token 'API tokens for `desk serve`: make one (its secret shown once), list, revoke (admins)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;init'= {
            cand --group 'Share the new home with this OS group: directories 2770, files 0660'
            cand --store 'Keep tickets in a team store on PostgreSQL that other hosts share, instead of the embedded one: written to config.toml as [store] url (password: [store] password, PGPASSWORD or ~/.pgpass)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --examples 'Also install example ticket types (incident, access-request, ci-failure, customer-complaint)'
            cand --insecure-test-identities 'FOR TESTS ONLY: trust --as / DESK_USER as the acting user, with no admin check. Only when the home is created; `desk doctor` reports it. Never use it for a real desk'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand new 'File a new ticket from a template'
            cand show 'Show a ticket with its fields and history (archived ones too)'
            cand log 'Show a ticket''s history (流转记录)'
            cand list 'List tickets, in queue order (priority, then age)'
            cand search 'Find tickets by words, hot and archived, best match first (full-text, BM25)'
            cand claim 'Take an unclaimed ticket: unclaimed → pending'
            cand reply 'Reply to the other side: the handler''s reply → awaiting; the requester''s → pending'
            cand comment 'Add an internal note for agents (no state change)'
            cand confirm 'Accept the handler''s answer, as the requester: awaiting → closed'
            cand close 'Close a ticket (admins; handlers of customer-workflow types after a reply)'
            cand reopen 'Reopen a closed ticket, archived ones included: closed → pending'
            cand transfer 'Hand a ticket to another agent (the handler, leads and admins)'
            cand assign 'Assign a ticket to an agent (leads and admins)'
            cand rate 'Rate the service of a closed ticket, as the requester (CSAT 1–5)'
            cand priority 'Change an open ticket''s priority (the handler, leads and admins); SLA targets follow'
            cand tag 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)'
            cand watch 'Follow a ticket (我关注的): hear what its requester hears'
            cand unwatch 'Stop following a ticket'
            cand link 'Link two tickets: A relates to / blocks / is the parent of B (agents)'
            cand unlink 'Remove the link between two tickets (agents)'
            cand merge 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST''s handler)'
            cand split 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;ticket;new'= {
            cand -t 'Ticket type: a template name (see `desk template list`)'
            cand --type 'Ticket type: a template name (see `desk template list`)'
            cand --title 'One-line summary'
            cand --body 'Body text; `-` reads standard input'
            cand --body-file 'Read the body from a file'
            cand -f 'A template field, as KEY=VALUE (repeatable)'
            cand --field 'A template field, as KEY=VALUE (repeatable)'
            cand -p 'Priority [default: the template''s, raised by the requester''s tier]'
            cand --priority 'Priority [default: the template''s, raised by the requester''s tier]'
            cand --requester 'File on behalf of this requester (agents only) [default: the acting user]'
            cand --dedup-key 'Deduplicate: if an open ticket has this key, record an occurrence on it instead'
            cand --from-json 'Read tickets as JSON from FILE (`-` for standard input): one object, or JSON Lines'
            cand --attach 'Attach a file (repeatable). Limits per file and per ticket: `[attachments]` in config.toml'
            cand --channel 'Name the channel the ticket came through, for `report --by channel`: a lowercase word such as web, im or ci [default: cli; json with --from-json, where a `channel` key wins]'
            cand --assign 'Route the new ticket to an agent at once, as `desk assign auto` would (leads and admins)'
            cand --tag 'Tag the new ticket (repeatable or comma-separated), on top of the type''s default tags'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --over-limit 'File past the requester''s rate limit (leads and admins; recorded in the history)'
            cand --suggest 'Show matching KB articles and similar closed tickets first (on stderr; in --json as `suggestions`). Always done on a terminal, which then asks whether to file anyway'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;show'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;log'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;list'= {
            cand -s 'Only these states (comma-separated) [default: unclaimed,pending,awaiting]'
            cand --status 'Only these states (comma-separated) [default: unclaimed,pending,awaiting]'
            cand -a 'Only tickets assigned to this agent (`me` for yourself)'
            cand --assignee 'Only tickets assigned to this agent (`me` for yourself)'
            cand -t 'Only tickets of this type'
            cand --type 'Only tickets of this type'
            cand -r 'Only tickets filed by this requester (`me` for yourself)'
            cand --requester 'Only tickets filed by this requester (`me` for yourself)'
            cand -p 'Only tickets of these priorities (comma-separated)'
            cand --priority 'Only tickets of these priorities (comma-separated)'
            cand --tag 'Only tickets carrying this tag'
            cand --watching 'Only tickets you follow (我关注的), or that NAME follows'
            cand --department 'Only tickets routed to this department'
            cand -n 'Show at most this many'
            cand --limit 'Show at most this many'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --all 'Include recently closed tickets (archived ones are not listed)'
            cand --archived 'List archived tickets instead (from the cold archive; same filters, every state unless --status)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;search'= {
            cand -s 'Only tickets in these states (comma-separated)'
            cand --status 'Only tickets in these states (comma-separated)'
            cand -t 'Only tickets of this type'
            cand --type 'Only tickets of this type'
            cand -a 'Only tickets assigned to this agent (`me` for yourself)'
            cand --assignee 'Only tickets assigned to this agent (`me` for yourself)'
            cand --since 'Only tickets filed at or after: a time, a date (2026-03-01) or an age (7d, 12h, 2w)'
            cand --until 'Only tickets filed before: a time, a date (through its end) or an age'
            cand -n 'Show at most this many'
            cand --limit 'Show at most this many'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --reindex 'Rebuild the search index from the store first (after it was lost or damaged)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;claim'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;reply'= {
            cand -m 'The message; `-` reads standard input. With --kb: your note, followed by a line naming the article'
            cand --message 'The message; `-` reads standard input. With --kb: your note, followed by a line naming the article'
            cand --kb 'Answer with a knowledge-base article (agents): without -m its text is the reply; the use is counted'
            cand --attach 'Attach a file to the reply (repeatable). Limits: `[attachments]` in config.toml'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;comment'= {
            cand -m 'The message; `-` reads standard input'
            cand --message 'The message; `-` reads standard input'
            cand --attach 'Attach a file to the note (repeatable; agents see it, requesters do not)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;confirm'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;close'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;reopen'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;transfer'= {
            cand --to 'The agent who takes the ticket'
            cand -m 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)'
            cand --message 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;assign'= {
            cand --to 'The agent who takes the ticket'
            cand -m 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)'
            cand --message 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;rate'= {
            cand --score 'Satisfaction from 1 (very unhappy) to 5 (very happy)'
            cand -m 'An optional comment'
            cand --message 'An optional comment'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;priority'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;tag'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;watch'= {
            cand --user 'Add (or remove) this person instead of yourself: agents, and the ticket''s requester copying in a colleague (抄送)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;unwatch'= {
            cand --user 'Add (or remove) this person instead of yourself: agents, and the ticket''s requester copying in a colleague (抄送)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;link'= {
            cand --kind 'relates, blocks (A must close before B), blocked-by, parent (A is B''s parent), child'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;unlink'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;merge'= {
            cand --into 'The ticket they are merged into, which stays open'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;split'= {
            cand --event 'The event whose text becomes the new ticket (its number in `desk ticket log`)'
            cand --title 'The new ticket''s title [default: the text''s first line]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;ticket;help'= {
            cand new 'File a new ticket from a template'
            cand show 'Show a ticket with its fields and history (archived ones too)'
            cand log 'Show a ticket''s history (流转记录)'
            cand list 'List tickets, in queue order (priority, then age)'
            cand search 'Find tickets by words, hot and archived, best match first (full-text, BM25)'
            cand claim 'Take an unclaimed ticket: unclaimed → pending'
            cand reply 'Reply to the other side: the handler''s reply → awaiting; the requester''s → pending'
            cand comment 'Add an internal note for agents (no state change)'
            cand confirm 'Accept the handler''s answer, as the requester: awaiting → closed'
            cand close 'Close a ticket (admins; handlers of customer-workflow types after a reply)'
            cand reopen 'Reopen a closed ticket, archived ones included: closed → pending'
            cand transfer 'Hand a ticket to another agent (the handler, leads and admins)'
            cand assign 'Assign a ticket to an agent (leads and admins)'
            cand rate 'Rate the service of a closed ticket, as the requester (CSAT 1–5)'
            cand priority 'Change an open ticket''s priority (the handler, leads and admins); SLA targets follow'
            cand tag 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)'
            cand watch 'Follow a ticket (我关注的): hear what its requester hears'
            cand unwatch 'Stop following a ticket'
            cand link 'Link two tickets: A relates to / blocks / is the parent of B (agents)'
            cand unlink 'Remove the link between two tickets (agents)'
            cand merge 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST''s handler)'
            cand split 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;ticket;help;new'= {
        }
        &'desk;ticket;help;show'= {
        }
        &'desk;ticket;help;log'= {
        }
        &'desk;ticket;help;list'= {
        }
        &'desk;ticket;help;search'= {
        }
        &'desk;ticket;help;claim'= {
        }
        &'desk;ticket;help;reply'= {
        }
        &'desk;ticket;help;comment'= {
        }
        &'desk;ticket;help;confirm'= {
        }
        &'desk;ticket;help;close'= {
        }
        &'desk;ticket;help;reopen'= {
        }
        &'desk;ticket;help;transfer'= {
        }
        &'desk;ticket;help;assign'= {
        }
        &'desk;ticket;help;rate'= {
        }
        &'desk;ticket;help;priority'= {
        }
        &'desk;ticket;help;tag'= {
        }
        &'desk;ticket;help;watch'= {
        }
        &'desk;ticket;help;unwatch'= {
        }
        &'desk;ticket;help;link'= {
        }
        &'desk;ticket;help;unlink'= {
        }
        &'desk;ticket;help;merge'= {
        }
        &'desk;ticket;help;split'= {
        }
        &'desk;ticket;help;help'= {
        }
        &'desk;template'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List ticket types (broken templates are reported, not hidden)'
            cand show 'Show a type''s settings and fields'
            cand check 'Check template files (or all of the home''s) without touching the store'
            cand publish 'Share this home''s templates with every host of the team store (admins)'
            cand pull 'Write the team store''s published types into this home''s templates/, to edit them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;template;list'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;template;show'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;template;check'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;template;publish'= {
            cand --remove 'Withdraw these types from the team store instead (tickets of them stay)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;template;pull'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;template;help'= {
            cand list 'List ticket types (broken templates are reported, not hidden)'
            cand show 'Show a type''s settings and fields'
            cand check 'Check template files (or all of the home''s) without touching the store'
            cand publish 'Share this home''s templates with every host of the team store (admins)'
            cand pull 'Write the team store''s published types into this home''s templates/, to edit them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;template;help;list'= {
        }
        &'desk;template;help;show'= {
        }
        &'desk;template;help;check'= {
        }
        &'desk;template;help;publish'= {
        }
        &'desk;template;help;pull'= {
        }
        &'desk;template;help;help'= {
        }
        &'desk;config'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Print the settings this home works by, and where they come from'
            cand publish 'Share this home''s config.toml (all but [store]) with every host of the team store (admins)'
            cand pull 'Write the team store''s settings into this home''s config.toml, to edit them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;config;show'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;config;publish'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;config;pull'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;config;help'= {
            cand show 'Print the settings this home works by, and where they come from'
            cand publish 'Share this home''s config.toml (all but [store]) with every host of the team store (admins)'
            cand pull 'Write the team store''s settings into this home''s config.toml, to edit them'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;config;help;show'= {
        }
        &'desk;config;help;publish'= {
        }
        &'desk;config;help;pull'= {
        }
        &'desk;config;help;help'= {
        }
        &'desk;kb'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Write a new article (agents)'
            cand edit 'Change an article''s title, body, tags or types (its author, leads and admins)'
            cand show 'Show an article with its uses'
            cand list 'List articles, most used first'
            cand search 'Find articles by words, best match first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;kb;add'= {
            cand --title 'One-line title'
            cand --body 'The article''s text; `-` reads standard input'
            cand --body-file 'Read the text from a file'
            cand --tag 'A label, e.g. vpn (repeatable)'
            cand -t 'A ticket type the article answers (repeatable) [default: any type]'
            cand --type 'A ticket type the article answers (repeatable) [default: any type]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;kb;edit'= {
            cand --title 'New title'
            cand --body 'The article''s text; `-` reads standard input'
            cand --body-file 'Read the text from a file'
            cand --tag 'Replace the tags with these (repeatable)'
            cand -t 'Replace the linked ticket types with these (repeatable)'
            cand --type 'Replace the linked ticket types with these (repeatable)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --clear-tags 'Remove every tag'
            cand --any-type 'Link the article to no type in particular (it answers any)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;kb;show'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;kb;list'= {
            cand --tag 'Only articles with this tag'
            cand -t 'Only articles for this ticket type (and those for any type)'
            cand --type 'Only articles for this ticket type (and those for any type)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;kb;search'= {
            cand -t 'Only articles for this ticket type (and those for any type)'
            cand --type 'Only articles for this ticket type (and those for any type)'
            cand -n 'Show at most this many'
            cand --limit 'Show at most this many'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;kb;help'= {
            cand add 'Write a new article (agents)'
            cand edit 'Change an article''s title, body, tags or types (its author, leads and admins)'
            cand show 'Show an article with its uses'
            cand list 'List articles, most used first'
            cand search 'Find articles by words, best match first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;kb;help;add'= {
        }
        &'desk;kb;help;edit'= {
        }
        &'desk;kb;help;show'= {
        }
        &'desk;kb;help;list'= {
        }
        &'desk;kb;help;search'= {
        }
        &'desk;kb;help;help'= {
        }
        &'desk;ingest'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand email 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;ingest;email'= {
            cand -t 'Type for new tickets [default: `[email] template` in config.toml]'
            cand --type 'Type for new tickets [default: `[email] template` in config.toml]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;ingest;help'= {
            cand email 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;ingest;help;email'= {
        }
        &'desk;ingest;help;help'= {
        }
        &'desk;agent'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add an agent (admins)'
            cand list 'List agents'
            cand show 'Show one agent and their open tickets'
            cand status 'Set an agent''s status: online, offline or busy'
            cand set 'Change an agent''s skills, capacity or role (admins)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;agent;add'= {
            cand --skills 'Skills, comma-separated, each with an optional level 1-5 (e.g. ops,network:3)'
            cand --capacity 'The most open tickets they should hold at once'
            cand --role 'agent, lead (may assign and transfer) or admin (may do anything)'
            cand --status 'Initial status'
            cand --os-user 'The OS account (on a team store: the PostgreSQL role) that signs in as this agent [default: the one named like the agent]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;agent;list'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;agent;show'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;agent;status'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --rebalance 'Going offline: return (or reassign, per `routing.on_offline`) their unstarted tickets'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;agent;set'= {
            cand --skills 'Replace the skills (comma-separated, optional level 1-5: db:3; empty to clear)'
            cand --add-skill 'Add skills, or change their level (comma-separated, e.g. db:4)'
            cand --remove-skill 'Remove skills, whatever their level (comma-separated)'
            cand --capacity 'capacity'
            cand --role 'role'
            cand --contact 'Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, feishu=URL, or a sink''s name (repeatable; KEY= removes it). Agents may set their own'
            cand --os-user 'The OS account (on a team store: the PostgreSQL role) that signs in as this agent (admins; empty: the one named like the agent)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;agent;help'= {
            cand add 'Add an agent (admins)'
            cand list 'List agents'
            cand show 'Show one agent and their open tickets'
            cand status 'Set an agent''s status: online, offline or busy'
            cand set 'Change an agent''s skills, capacity or role (admins)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;agent;help;add'= {
        }
        &'desk;agent;help;list'= {
        }
        &'desk;agent;help;show'= {
        }
        &'desk;agent;help;status'= {
        }
        &'desk;agent;help;set'= {
        }
        &'desk;agent;help;help'= {
        }
        &'desk;sla'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand check 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;sla;check'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --exit-code 'Exit 1 when any milestone is breached (for monitoring)'
            cand --dry-run 'Show what stands and what would fire, without recording anything'
            cand --recompute 'First recompute every open ticket''s deadlines: after changing policies or calendars in config.toml, or for tickets filed before the policy existed'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;sla;help'= {
            cand check 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;sla;help;check'= {
        }
        &'desk;sla;help;help'= {
        }
        &'desk;requester'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand add 'Add a requester with a tier (agents); `--tier` on an existing one changes it'
            cand set 'Change an existing requester''s tier (agents)'
            cand list 'List requesters that have a record'
            cand show 'Show a requester''s tier, their usage of its rate limits, and their tickets'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;requester;add'= {
            cand --tier 'A tier defined in config.toml (e.g. standard, vip, enterprise, internal) [default: the config''s default tier]'
            cand --os-user 'The OS account (on a team store: the PostgreSQL role) that signs in as this requester [default: the one of the same name]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;requester;set'= {
            cand --tier 'The new tier: one defined in config.toml'
            cand --os-user 'The OS account (on a team store: the PostgreSQL role) that signs in as this requester (admins; empty: the one of the same name)'
            cand --contact 'Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, or a sink''s name (repeatable; KEY= removes it). A name that is an e-mail address needs no email='
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;requester;list'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;requester;show'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;requester;help'= {
            cand add 'Add a requester with a tier (agents); `--tier` on an existing one changes it'
            cand set 'Change an existing requester''s tier (agents)'
            cand list 'List requesters that have a record'
            cand show 'Show a requester''s tier, their usage of its rate limits, and their tickets'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;requester;help;add'= {
        }
        &'desk;requester;help;set'= {
        }
        &'desk;requester;help;list'= {
        }
        &'desk;requester;help;show'= {
        }
        &'desk;requester;help;help'= {
        }
        &'desk;assign'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand auto 'Assign unclaimed tickets (or one) to the best agents; leads and admins'
            cand explain 'Show how a ticket was routed, and how it would be now: scores, who cannot take it'
            cand rebalance 'Return (or reassign) the unstarted tickets of offline agents; leads and admins'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;assign;auto'= {
            cand --strategy 'Use this strategy for every ticket [default: `[routing]` in config.toml]'
            cand --limit 'Assign at most N tickets; the rest of the queue is left for the next run'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --dry-run 'Show the plan and write nothing (any agent may)'
            cand --fail-if-unassigned 'Exit 1 if any considered ticket stays unclaimed'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;assign;explain'= {
            cand --strategy 'Rank by this strategy [default: the ticket type''s, from config.toml]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;assign;rebalance'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --dry-run 'Show what would move and write nothing (any agent may)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;assign;help'= {
            cand auto 'Assign unclaimed tickets (or one) to the best agents; leads and admins'
            cand explain 'Show how a ticket was routed, and how it would be now: scores, who cannot take it'
            cand rebalance 'Return (or reassign) the unstarted tickets of offline agents; leads and admins'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;assign;help;auto'= {
        }
        &'desk;assign;help;explain'= {
        }
        &'desk;assign;help;rebalance'= {
        }
        &'desk;assign;help;help'= {
        }
        &'desk;notify'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand flush 'Route new events into messages and send the ones due (run it from cron)'
            cand list 'List messages: waiting and failed by default (agents)'
            cand retry 'Send dead letters (or waiting messages) again at the next flush (agents)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;notify;flush'= {
            cand --limit 'Send at most N messages this run [default: `[notify] batch`, 100]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --dry-run 'Show what would be routed and sent; send nothing and change nothing'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;notify;list'= {
            cand -n 'Show at most this many'
            cand --limit 'Show at most this many'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --pending 'Only messages waiting for an attempt (failed ones waiting to be retried included)'
            cand --failed 'Only failures: dead letters (failed every attempt, given up) and messages still retrying (failed at least once, another attempt due)'
            cand --delivered 'Only delivered messages (kept for `[notify] keep_delivered`)'
            cand --all 'Everything: waiting, dead and delivered'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;notify;retry'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --all 'Every dead letter'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;notify;help'= {
            cand flush 'Route new events into messages and send the ones due (run it from cron)'
            cand list 'List messages: waiting and failed by default (agents)'
            cand retry 'Send dead letters (or waiting messages) again at the next flush (agents)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;notify;help;flush'= {
        }
        &'desk;notify;help;list'= {
        }
        &'desk;notify;help;retry'= {
        }
        &'desk;notify;help;help'= {
        }
        &'desk;report'= {
            cand --since 'Start of the period: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w) [default: 30 days before --until]'
            cand --until 'End of the period, included (a date runs through the end of that day) [default: now]'
            cand --by 'Split the figures by ticket type, agent (the per-agent performance table: the assignee at close), requester tier, priority, requester, channel (cli, email, web…), day, ISO week, weekday, hour of day (weekday and hour add the workload heatmap), tag (a ticket counts in each of its tags) or department'
            cand --format 'Output format [default: table, or what --output''s extension names: .json, .csv, .html] (the global --json means json)'
            cand --tz 'Time zone (IANA name, e.g. Asia/Shanghai) for days, weeks, weekdays, hours and the heatmap'
            cand -o 'Write the report to FILE instead of stdout (e.g. report.html)'
            cand --output 'Write the report to FILE instead of stdout (e.g. report.html)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;archive'= {
            cand --closed-before 'Move tickets closed before this: an age (30d, 12h, 2w), a date (2026-01-31) or an RFC 3339 time [default: config.toml''s archive.after]'
            cand --purge-before 'Delete archived tickets closed before this, for good (legal retention; admins). Asks first (or needs --yes without a terminal), then writes them to an export file'
            cand --export 'With --purge-before: the JSON Lines file to write the purged tickets to (must not exist) [default: <home>/purged/purge-<time>.jsonl, or purge-<time>-2.jsonl … when taken]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand -y 'With --purge-before: do not ask for confirmation'
            cand --yes 'With --purge-before: do not ask for confirmation'
            cand --dry-run 'Show what would move (or be purged) without writing anything'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand status 'Counts and sizes of the hot store and the cold archive'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;archive;status'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;archive;help'= {
            cand status 'Counts and sizes of the hot store and the cold archive'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;archive;help;status'= {
        }
        &'desk;archive;help;help'= {
        }
        &'desk;doctor'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --repair 'Rebuild the derived data (indexes, archive locations, leftover files) from the records, and report what was fixed (admins)'
            cand --migrate 'Run the schema migrations a newer desk needs: the same as `desk migrate` (admins)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;migrate'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --check 'Only say which steps are due, changing nothing (anyone): exit 0 when the store is at this desk''s schema, 5 when `desk migrate` has work to do'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;export'= {
            cand --format 'Output format'
            cand --since 'Only tickets created at or after WHEN: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w)'
            cand --until 'Only tickets created before WHEN (a date means the end of that day)'
            cand --status 'Only tickets in these states (comma-separated or repeated)'
            cand --type 'Only tickets of this type (repeatable)'
            cand -o 'Write to FILE instead of stdout (FILE appears only once complete)'
            cand --output 'Write to FILE instead of stdout (FILE appears only once complete)'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --archived 'Include archived tickets (the default)'
            cand --no-archived 'Only the hot store (open and recently closed tickets); the archive is not read'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;import'= {
            cand --format 'Input format [default: csv for a *.csv file, else jsonl]'
            cand --map 'CSV: take TARGET from the column named COLUMN; TARGET is title, body, requester, priority, type, created_at or a template field (NAME or field.NAME). Columns named like a target are taken without a mapping (repeatable)'
            cand --type 'CSV: the ticket type of rows that have no type column'
            cand --id-column 'CSV: the column that identifies a row in its source; a re-import skips rows whose id was imported before [default: a hash of the row''s mapped content]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --dry-run 'Check every record and report what would be written; write nothing'
            cand --skip-invalid 'Write the valid records even when some fail (the failures are still listed, exit 5)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;backup'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;restore'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --force 'Replace a home that already has tickets (what it holds now is lost)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;audit'= {
            cand --actor 'Only entries where this user acted, for real or as someone else'
            cand --since 'Only entries from this time on (RFC 3339, a date, or an age like 7d)'
            cand --until 'Only entries up to this time (inclusive)'
            cand -n 'Show at most the newest N entries'
            cand --limit 'Show at most the newest N entries'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --refused 'Only refused moves'
            cand --impersonated 'Only commands run as another user (--as)'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;serve'= {
            cand --listen 'The address and port to listen on'
            cand --threads 'Requests handled at once'
            cand --body-timeout 'How long a client may take to send a request''s body; past it, 408 and the worker moves on'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'desk;token'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
            cand create 'Make a token for `desk serve` and print its secret, once'
            cand list 'Every token: who it acts as, its scopes, and whether it still works'
            cand revoke 'Stop a token from working, from its next request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;token;create'= {
            cand --user 'The desk user the token acts as (an agent or a requester on record)'
            cand --scope 'What it may do, comma-separated or repeated: ticket:new, ticket:read, ticket:write, report:read'
            cand -t 'Only tickets of this type (filing and reading)'
            cand --type 'Only tickets of this type (filing and reading)'
            cand --expires 'How long it works: an age (90d, 12h, 2w), or `never`'
            cand --name 'Its name in events and `token list` [default: the user''s name, or NAME-2, -3 …]'
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;token;list'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;token;revoke'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;token;help'= {
            cand create 'Make a token for `desk serve` and print its secret, once'
            cand list 'Every token: who it acts as, its scopes, and whether it still works'
            cand revoke 'Stop a token from working, from its next request'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;token;help;create'= {
        }
        &'desk;token;help;list'= {
        }
        &'desk;token;help;revoke'= {
        }
        &'desk;token;help;help'= {
        }
        &'desk;completions'= {
            cand --home 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]'
            cand --as 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]'
            cand --color 'When to use colour'
            cand --json 'Print stable JSON instead of tables'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-input 'Never prompt; fail with exit 5 and list what is missing instead'
            cand --no-pager 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'desk;help'= {
            cand init 'Create the desk home: config, templates, store (safe to run again)'
            cand ticket 'File, list, show and move tickets through their lifecycle'
            cand template 'List, show and check ticket types (TOML templates)'
            cand config 'Show the settings in effect; share config.toml with every host of a team store'
            cand kb 'Knowledge base (知识库): articles to answer with, searched and suggested'
            cand ingest 'Take in tickets from other channels (e-mail)'
            cand agent 'Manage agents: skills, capacity, role and status'
            cand sla 'SLA: warn on tickets at risk, record and escalate breaches (run from cron)'
            cand requester 'Manage requesters and their tiers'
            cand assign 'Route tickets to agents by skills, load and quality, and explain why'
            cand notify 'Notifications: send what the outbox holds (from cron), list and retry failures'
            cand report 'The desk''s figures over a period: volumes, backlog, response and resolution times, SLA, CSAT'
            cand archive 'Move old closed tickets to the cold archive now, show its figures, purge past retention'
            cand doctor 'Check the store''s indexes, histories and archive; repair what is derived; migrate'
            cand migrate 'Upgrade the store (and a team store''s tables) for this desk, or check what is due'
            cand export 'Write tickets with their history, and people, as JSONL or CSV (leads and admins)'
            cand import 'Read a `desk export` (JSONL) or a spreadsheet (CSV) into this home (admins)'
            cand backup 'Write a consistent, checksummed snapshot of the whole home while desk keeps running (leads and admins)'
            cand restore 'Bring a home back from a backup, after checking all of it (admins to replace a home)'
            cand audit 'Who did what as whom: impersonated, privileged and refused commands (admins)'
            cand serve 'Serve the desk over HTTP: a JSON API for holders of an API token (`desk token`)'
            cand token 'API tokens for `desk serve`: make one (its secret shown once), list, revoke (admins)'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'desk;help;init'= {
        }
        &'desk;help;ticket'= {
            cand new 'File a new ticket from a template'
            cand show 'Show a ticket with its fields and history (archived ones too)'
            cand log 'Show a ticket''s history (流转记录)'
            cand list 'List tickets, in queue order (priority, then age)'
            cand search 'Find tickets by words, hot and archived, best match first (full-text, BM25)'
            cand claim 'Take an unclaimed ticket: unclaimed → pending'
            cand reply 'Reply to the other side: the handler''s reply → awaiting; the requester''s → pending'
            cand comment 'Add an internal note for agents (no state change)'
            cand confirm 'Accept the handler''s answer, as the requester: awaiting → closed'
            cand close 'Close a ticket (admins; handlers of customer-workflow types after a reply)'
            cand reopen 'Reopen a closed ticket, archived ones included: closed → pending'
            cand transfer 'Hand a ticket to another agent (the handler, leads and admins)'
            cand assign 'Assign a ticket to an agent (leads and admins)'
            cand rate 'Rate the service of a closed ticket, as the requester (CSAT 1–5)'
            cand priority 'Change an open ticket''s priority (the handler, leads and admins); SLA targets follow'
            cand tag 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)'
            cand watch 'Follow a ticket (我关注的): hear what its requester hears'
            cand unwatch 'Stop following a ticket'
            cand link 'Link two tickets: A relates to / blocks / is the parent of B (agents)'
            cand unlink 'Remove the link between two tickets (agents)'
            cand merge 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST''s handler)'
            cand split 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)'
        }
        &'desk;help;ticket;new'= {
        }
        &'desk;help;ticket;show'= {
        }
        &'desk;help;ticket;log'= {
        }
        &'desk;help;ticket;list'= {
        }
        &'desk;help;ticket;search'= {
        }
        &'desk;help;ticket;claim'= {
        }
        &'desk;help;ticket;reply'= {
        }
        &'desk;help;ticket;comment'= {
        }
        &'desk;help;ticket;confirm'= {
        }
        &'desk;help;ticket;close'= {
        }
        &'desk;help;ticket;reopen'= {
        }
        &'desk;help;ticket;transfer'= {
        }
        &'desk;help;ticket;assign'= {
        }
        &'desk;help;ticket;rate'= {
        }
        &'desk;help;ticket;priority'= {
        }
        &'desk;help;ticket;tag'= {
        }
        &'desk;help;ticket;watch'= {
        }
        &'desk;help;ticket;unwatch'= {
        }
        &'desk;help;ticket;link'= {
        }
        &'desk;help;ticket;unlink'= {
        }
        &'desk;help;ticket;merge'= {
        }
        &'desk;help;ticket;split'= {
        }
        &'desk;help;template'= {
            cand list 'List ticket types (broken templates are reported, not hidden)'
            cand show 'Show a type''s settings and fields'
            cand check 'Check template files (or all of the home''s) without touching the store'
            cand publish 'Share this home''s templates with every host of the team store (admins)'
            cand pull 'Write the team store''s published types into this home''s templates/, to edit them'
        }
        &'desk;help;template;list'= {
        }
        &'desk;help;template;show'= {
        }
        &'desk;help;template;check'= {
        }
        &'desk;help;template;publish'= {
        }
        &'desk;help;template;pull'= {
        }
        &'desk;help;config'= {
            cand show 'Print the settings this home works by, and where they come from'
            cand publish 'Share this home''s config.toml (all but [store]) with every host of the team store (admins)'
            cand pull 'Write the team store''s settings into this home''s config.toml, to edit them'
        }
        &'desk;help;config;show'= {
        }
        &'desk;help;config;publish'= {
        }
        &'desk;help;config;pull'= {
        }
        &'desk;help;kb'= {
            cand add 'Write a new article (agents)'
            cand edit 'Change an article''s title, body, tags or types (its author, leads and admins)'
            cand show 'Show an article with its uses'
            cand list 'List articles, most used first'
            cand search 'Find articles by words, best match first'
        }
        &'desk;help;kb;add'= {
        }
        &'desk;help;kb;edit'= {
        }
        &'desk;help;kb;show'= {
        }
        &'desk;help;kb;list'= {
        }
        &'desk;help;kb;search'= {
        }
        &'desk;help;ingest'= {
            cand email 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers'
        }
        &'desk;help;ingest;email'= {
        }
        &'desk;help;agent'= {
            cand add 'Add an agent (admins)'
            cand list 'List agents'
            cand show 'Show one agent and their open tickets'
            cand status 'Set an agent''s status: online, offline or busy'
            cand set 'Change an agent''s skills, capacity or role (admins)'
        }
        &'desk;help;agent;add'= {
        }
        &'desk;help;agent;list'= {
        }
        &'desk;help;agent;show'= {
        }
        &'desk;help;agent;status'= {
        }
        &'desk;help;agent;set'= {
        }
        &'desk;help;sla'= {
            cand check 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)'
        }
        &'desk;help;sla;check'= {
        }
        &'desk;help;requester'= {
            cand add 'Add a requester with a tier (agents); `--tier` on an existing one changes it'
            cand set 'Change an existing requester''s tier (agents)'
            cand list 'List requesters that have a record'
            cand show 'Show a requester''s tier, their usage of its rate limits, and their tickets'
        }
        &'desk;help;requester;add'= {
        }
        &'desk;help;requester;set'= {
        }
        &'desk;help;requester;list'= {
        }
        &'desk;help;requester;show'= {
        }
        &'desk;help;assign'= {
            cand auto 'Assign unclaimed tickets (or one) to the best agents; leads and admins'
            cand explain 'Show how a ticket was routed, and how it would be now: scores, who cannot take it'
            cand rebalance 'Return (or reassign) the unstarted tickets of offline agents; leads and admins'
        }
        &'desk;help;assign;auto'= {
        }
        &'desk;help;assign;explain'= {
        }
        &'desk;help;assign;rebalance'= {
        }
        &'desk;help;notify'= {
            cand flush 'Route new events into messages and send the ones due (run it from cron)'
            cand list 'List messages: waiting and failed by default (agents)'
            cand retry 'Send dead letters (or waiting messages) again at the next flush (agents)'
        }
        &'desk;help;notify;flush'= {
        }
        &'desk;help;notify;list'= {
        }
        &'desk;help;notify;retry'= {
        }
        &'desk;help;report'= {
        }
        &'desk;help;archive'= {
            cand status 'Counts and sizes of the hot store and the cold archive'
        }
        &'desk;help;archive;status'= {
        }
        &'desk;help;doctor'= {
        }
        &'desk;help;migrate'= {
        }
        &'desk;help;export'= {
        }
        &'desk;help;import'= {
        }
        &'desk;help;backup'= {
        }
        &'desk;help;restore'= {
        }
        &'desk;help;audit'= {
        }
        &'desk;help;serve'= {
        }
        &'desk;help;token'= {
            cand create 'Make a token for `desk serve` and print its secret, once'
            cand list 'Every token: who it acts as, its scopes, and whether it still works'
            cand revoke 'Stop a token from working, from its next request'
        }
        &'desk;help;token;create'= {
        }
        &'desk;help;token;list'= {
        }
        &'desk;help;token;revoke'= {
        }
        &'desk;help;completions'= {
        }
        &'desk;help;help'= {
        }
    ]
    $completions[$command]
}
