# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_desk_global_optspecs
    string join \n home= as= json q/quiet no-input color= no-pager h/help V/version
end

function __fish_desk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_desk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_desk_using_subcommand
    set -l cmd (__fish_desk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c desk -n "__fish_desk_needs_command" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_needs_command" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_needs_command" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_needs_command" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_needs_command" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_needs_command" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_needs_command" -s V -l version -d 'Print version'
complete -c desk -n "__fish_desk_needs_command" -f -a "init" -d 'Create the desk home: config, templates, store (safe to run again)'
complete -c desk -n "__fish_desk_needs_command" -f -a "ticket" -d 'File, list, show and move tickets through their lifecycle'
complete -c desk -n "__fish_desk_needs_command" -f -a "template" -d 'List, show and check ticket types (TOML templates)'
complete -c desk -n "__fish_desk_needs_command" -f -a "config" -d 'Show the settings in effect; share config.toml with every host of a team store'
complete -c desk -n "__fish_desk_needs_command" -f -a "kb" -d 'Knowledge base (知识库): articles to answer with, searched and suggested'
complete -c desk -n "__fish_desk_needs_command" -f -a "ingest" -d 'Take in tickets from other channels (e-mail)'
complete -c desk -n "__fish_desk_needs_command" -f -a "agent" -d 'Manage agents: skills, capacity, role and status'
complete -c desk -n "__fish_desk_needs_command" -f -a "sla" -d 'SLA: warn on tickets at risk, record and escalate breaches (run from cron)'
complete -c desk -n "__fish_desk_needs_command" -f -a "requester" -d 'Manage requesters and their tiers'
complete -c desk -n "__fish_desk_needs_command" -f -a "assign" -d 'Route tickets to agents by skills, load and quality, and explain why'
complete -c desk -n "__fish_desk_needs_command" -f -a "notify" -d 'Notifications: send what the outbox holds (from cron), list and retry failures'
complete -c desk -n "__fish_desk_needs_command" -f -a "report" -d 'The desk\'s figures over a period: volumes, backlog, response and resolution times, SLA, CSAT'
complete -c desk -n "__fish_desk_needs_command" -f -a "archive" -d 'Move old closed tickets to the cold archive now, show its figures, purge past retention'
complete -c desk -n "__fish_desk_needs_command" -f -a "doctor" -d 'Check the store\'s indexes, histories and archive; repair what is derived; migrate'
complete -c desk -n "__fish_desk_needs_command" -f -a "migrate" -d 'Upgrade the store (and a team store\'s tables) for this desk, or check what is due'
complete -c desk -n "__fish_desk_needs_command" -f -a "export" -d 'Write tickets with their history, and people, as JSONL or CSV (leads and admins)'
complete -c desk -n "__fish_desk_needs_command" -f -a "import" -d 'Read a `desk export` (JSONL) or a spreadsheet (CSV) into this home (admins)'
complete -c desk -n "__fish_desk_needs_command" -f -a "backup" -d 'Write a consistent, checksummed snapshot of the whole home while desk keeps running (leads and admins)'
complete -c desk -n "__fish_desk_needs_command" -f -a "restore" -d 'Bring a home back from a backup, after checking all of it (admins to replace a home)'
complete -c desk -n "__fish_desk_needs_command" -f -a "audit" -d 'Who did what as whom: impersonated, privileged and refused commands (admins)'
complete -c desk -n "__fish_desk_needs_command" -f -a "serve" -d 'Serve the desk over HTTP: a JSON API for holders of an API token (`desk token`)'
complete -c desk -n "__fish_desk_needs_command" -f -a "token" -d 'API tokens for `desk serve`: make one (its secret shown once), list, revoke (admins)'
complete -c desk -n "__fish_desk_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c desk -n "__fish_desk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand init" -l group -d 'Share the new home with this OS group: directories 2770, files 0660' -r
complete -c desk -n "__fish_desk_using_subcommand init" -l store -d 'Keep tickets in a team store on PostgreSQL that other hosts share, instead of the embedded one: written to config.toml as [store] url (password: [store] password, PGPASSWORD or ~/.pgpass)' -r
complete -c desk -n "__fish_desk_using_subcommand init" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand init" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand init" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand init" -l examples -d 'Also install example ticket types (incident, access-request, ci-failure, customer-complaint)'
complete -c desk -n "__fish_desk_using_subcommand init" -l insecure-test-identities -d 'FOR TESTS ONLY: trust --as / DESK_USER as the acting user, with no admin check. Only when the home is created; `desk doctor` reports it. Never use it for a real desk'
complete -c desk -n "__fish_desk_using_subcommand init" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand init" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand init" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand init" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand init" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "new" -d 'File a new ticket from a template'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "show" -d 'Show a ticket with its fields and history (archived ones too)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "log" -d 'Show a ticket\'s history (流转记录)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "list" -d 'List tickets, in queue order (priority, then age)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "search" -d 'Find tickets by words, hot and archived, best match first (full-text, BM25)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "claim" -d 'Take an unclaimed ticket: unclaimed → pending'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "reply" -d 'Reply to the other side: the handler\'s reply → awaiting; the requester\'s → pending'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "comment" -d 'Add an internal note for agents (no state change)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "confirm" -d 'Accept the handler\'s answer, as the requester: awaiting → closed'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "close" -d 'Close a ticket (admins; handlers of customer-workflow types after a reply)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "reopen" -d 'Reopen a closed ticket, archived ones included: closed → pending'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "transfer" -d 'Hand a ticket to another agent (the handler, leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "assign" -d 'Assign a ticket to an agent (leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "rate" -d 'Rate the service of a closed ticket, as the requester (CSAT 1–5)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "priority" -d 'Change an open ticket\'s priority (the handler, leads and admins); SLA targets follow'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "tag" -d 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "watch" -d 'Follow a ticket (我关注的): hear what its requester hears'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "unwatch" -d 'Stop following a ticket'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "link" -d 'Link two tickets: A relates to / blocks / is the parent of B (agents)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "unlink" -d 'Remove the link between two tickets (agents)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "merge" -d 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST\'s handler)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "split" -d 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and not __fish_seen_subcommand_from new show log list search claim reply comment confirm close reopen transfer assign rate priority tag watch unwatch link unlink merge split help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -s t -l type -d 'Ticket type: a template name (see `desk template list`)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l title -d 'One-line summary' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l body -d 'Body text; `-` reads standard input' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l body-file -d 'Read the body from a file' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -s f -l field -d 'A template field, as KEY=VALUE (repeatable)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -s p -l priority -d 'Priority [default: the template\'s, raised by the requester\'s tier]' -r -f -a "urgent\t''
high\t''
normal\t''
low\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l requester -d 'File on behalf of this requester (agents only) [default: the acting user]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l dedup-key -d 'Deduplicate: if an open ticket has this key, record an occurrence on it instead' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l from-json -d 'Read tickets as JSON from FILE (`-` for standard input): one object, or JSON Lines' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l attach -d 'Attach a file (repeatable). Limits per file and per ticket: `[attachments]` in config.toml' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l channel -d 'Name the channel the ticket came through, for `report --by channel`: a lowercase word such as web, im or ci [default: cli; json with --from-json, where a `channel` key wins]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l assign -d 'Route the new ticket to an agent at once, as `desk assign auto` would (leads and admins)' -r -f -a "auto\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l tag -d 'Tag the new ticket (repeatable or comma-separated), on top of the type\'s default tags' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l over-limit -d 'File past the requester\'s rate limit (leads and admins; recorded in the history)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l suggest -d 'Show matching KB articles and similar closed tickets first (on stderr; in --json as `suggestions`). Always done on a terminal, which then asks whether to file anyway'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from log" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s s -l status -d 'Only these states (comma-separated) [default: unclaimed,pending,awaiting]' -r -f -a "unclaimed\t''
pending\t''
awaiting\t''
closed\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s a -l assignee -d 'Only tickets assigned to this agent (`me` for yourself)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s t -l type -d 'Only tickets of this type' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s r -l requester -d 'Only tickets filed by this requester (`me` for yourself)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s p -l priority -d 'Only tickets of these priorities (comma-separated)' -r -f -a "urgent\t''
high\t''
normal\t''
low\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l tag -d 'Only tickets carrying this tag' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l watching -d 'Only tickets you follow (我关注的), or that NAME follows' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l department -d 'Only tickets routed to this department' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s n -l limit -d 'Show at most this many' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l all -d 'Include recently closed tickets (archived ones are not listed)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l archived -d 'List archived tickets instead (from the cold archive; same filters, every state unless --status)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -s s -l status -d 'Only tickets in these states (comma-separated)' -r -f -a "unclaimed\t''
pending\t''
awaiting\t''
closed\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -s t -l type -d 'Only tickets of this type' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -s a -l assignee -d 'Only tickets assigned to this agent (`me` for yourself)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l since -d 'Only tickets filed at or after: a time, a date (2026-03-01) or an age (7d, 12h, 2w)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l until -d 'Only tickets filed before: a time, a date (through its end) or an age' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -s n -l limit -d 'Show at most this many' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l reindex -d 'Rebuild the search index from the store first (after it was lost or damaged)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from claim" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -s m -l message -d 'The message; `-` reads standard input. With --kb: your note, followed by a line naming the article' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l kb -d 'Answer with a knowledge-base article (agents): without -m its text is the reply; the use is counted' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l attach -d 'Attach a file to the reply (repeatable). Limits: `[attachments]` in config.toml' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reply" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -s m -l message -d 'The message; `-` reads standard input' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -l attach -d 'Attach a file to the note (repeatable; agents see it, requesters do not)' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from comment" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from confirm" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from close" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from reopen" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -l to -d 'The agent who takes the ticket' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -s m -l message -d 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from transfer" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -l to -d 'The agent who takes the ticket' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -s m -l message -d 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from assign" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -l score -d 'Satisfaction from 1 (very unhappy) to 5 (very happy)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -s m -l message -d 'An optional comment' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from rate" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from priority" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -l user -d 'Add (or remove) this person instead of yourself: agents, and the ticket\'s requester copying in a colleague (抄送)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -l user -d 'Add (or remove) this person instead of yourself: agents, and the ticket\'s requester copying in a colleague (抄送)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unwatch" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -l kind -d 'relates, blocks (A must close before B), blocked-by, parent (A is B\'s parent), child' -r -f -a "relates\t''
blocks\t''
blocked-by\t''
parent\t''
child\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from unlink" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -l into -d 'The ticket they are merged into, which stays open' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from merge" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l event -d 'The event whose text becomes the new ticket (its number in `desk ticket log`)' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l title -d 'The new ticket\'s title [default: the text\'s first line]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from split" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "new" -d 'File a new ticket from a template'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a ticket with its fields and history (archived ones too)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "log" -d 'Show a ticket\'s history (流转记录)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "list" -d 'List tickets, in queue order (priority, then age)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "search" -d 'Find tickets by words, hot and archived, best match first (full-text, BM25)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "claim" -d 'Take an unclaimed ticket: unclaimed → pending'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "reply" -d 'Reply to the other side: the handler\'s reply → awaiting; the requester\'s → pending'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "comment" -d 'Add an internal note for agents (no state change)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "confirm" -d 'Accept the handler\'s answer, as the requester: awaiting → closed'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "close" -d 'Close a ticket (admins; handlers of customer-workflow types after a reply)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "reopen" -d 'Reopen a closed ticket, archived ones included: closed → pending'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "transfer" -d 'Hand a ticket to another agent (the handler, leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "assign" -d 'Assign a ticket to an agent (leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "rate" -d 'Rate the service of a closed ticket, as the requester (CSAT 1–5)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "priority" -d 'Change an open ticket\'s priority (the handler, leads and admins); SLA targets follow'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Follow a ticket (我关注的): hear what its requester hears'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "unwatch" -d 'Stop following a ticket'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "link" -d 'Link two tickets: A relates to / blocks / is the parent of B (agents)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "unlink" -d 'Remove the link between two tickets (agents)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "merge" -d 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST\'s handler)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "split" -d 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)'
complete -c desk -n "__fish_desk_using_subcommand ticket; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -f -a "list" -d 'List ticket types (broken templates are reported, not hidden)'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -f -a "show" -d 'Show a type\'s settings and fields'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -f -a "check" -d 'Check template files (or all of the home\'s) without touching the store'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -f -a "publish" -d 'Share this home\'s templates with every host of the team store (admins)'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -f -a "pull" -d 'Write the team store\'s published types into this home\'s templates/, to edit them'
complete -c desk -n "__fish_desk_using_subcommand template; and not __fish_seen_subcommand_from list show check publish pull help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -l remove -d 'Withdraw these types from the team store instead (tickets of them stay)' -r
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from publish" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "list" -d 'List ticket types (broken templates are reported, not hidden)'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a type\'s settings and fields'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check template files (or all of the home\'s) without touching the store'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "publish" -d 'Share this home\'s templates with every host of the team store (admins)'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Write the team store\'s published types into this home\'s templates/, to edit them'
complete -c desk -n "__fish_desk_using_subcommand template; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -f -a "show" -d 'Print the settings this home works by, and where they come from'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -f -a "publish" -d 'Share this home\'s config.toml (all but [store]) with every host of the team store (admins)'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -f -a "pull" -d 'Write the team store\'s settings into this home\'s config.toml, to edit them'
complete -c desk -n "__fish_desk_using_subcommand config; and not __fish_seen_subcommand_from show publish pull help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from publish" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the settings this home works by, and where they come from'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "publish" -d 'Share this home\'s config.toml (all but [store]) with every host of the team store (admins)'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Write the team store\'s settings into this home\'s config.toml, to edit them'
complete -c desk -n "__fish_desk_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -f -a "add" -d 'Write a new article (agents)'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -f -a "edit" -d 'Change an article\'s title, body, tags or types (its author, leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -f -a "show" -d 'Show an article with its uses'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -f -a "list" -d 'List articles, most used first'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -f -a "search" -d 'Find articles by words, best match first'
complete -c desk -n "__fish_desk_using_subcommand kb; and not __fish_seen_subcommand_from add edit show list search help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l title -d 'One-line title' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l body -d 'The article\'s text; `-` reads standard input' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l body-file -d 'Read the text from a file' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l tag -d 'A label, e.g. vpn (repeatable)' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -s t -l type -d 'A ticket type the article answers (repeatable) [default: any type]' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l title -d 'New title' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l body -d 'The article\'s text; `-` reads standard input' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l body-file -d 'Read the text from a file' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l tag -d 'Replace the tags with these (repeatable)' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -s t -l type -d 'Replace the linked ticket types with these (repeatable)' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l clear-tags -d 'Remove every tag'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l any-type -d 'Link the article to no type in particular (it answers any)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from edit" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l tag -d 'Only articles with this tag' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -s t -l type -d 'Only articles for this ticket type (and those for any type)' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -s t -l type -d 'Only articles for this ticket type (and those for any type)' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -s n -l limit -d 'Show at most this many' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "add" -d 'Write a new article (agents)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "edit" -d 'Change an article\'s title, body, tags or types (its author, leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show an article with its uses'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "list" -d 'List articles, most used first'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "search" -d 'Find articles by words, best match first'
complete -c desk -n "__fish_desk_using_subcommand kb; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -f -a "email" -d 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers'
complete -c desk -n "__fish_desk_using_subcommand ingest; and not __fish_seen_subcommand_from email help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -s t -l type -d 'Type for new tickets [default: `[email] template` in config.toml]' -r
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from email" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from help" -f -a "email" -d 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers'
complete -c desk -n "__fish_desk_using_subcommand ingest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -f -a "add" -d 'Add an agent (admins)'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -f -a "list" -d 'List agents'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -f -a "show" -d 'Show one agent and their open tickets'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -f -a "status" -d 'Set an agent\'s status: online, offline or busy'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -f -a "set" -d 'Change an agent\'s skills, capacity or role (admins)'
complete -c desk -n "__fish_desk_using_subcommand agent; and not __fish_seen_subcommand_from add list show status set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l skills -d 'Skills, comma-separated, each with an optional level 1-5 (e.g. ops,network:3)' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l capacity -d 'The most open tickets they should hold at once' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l role -d 'agent, lead (may assign and transfer) or admin (may do anything)' -r -f -a "agent\t''
lead\t''
admin\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l status -d 'Initial status' -r -f -a "online\t''
offline\t''
busy\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l os-user -d 'The OS account (on a team store: the PostgreSQL role) that signs in as this agent [default: the one named like the agent]' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -l rebalance -d 'Going offline: return (or reassign, per `routing.on_offline`) their unstarted tickets'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l skills -d 'Replace the skills (comma-separated, optional level 1-5: db:3; empty to clear)' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l add-skill -d 'Add skills, or change their level (comma-separated, e.g. db:4)' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l remove-skill -d 'Remove skills, whatever their level (comma-separated)' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l capacity -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l role -r -f -a "agent\t''
lead\t''
admin\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l contact -d 'Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, feishu=URL, or a sink\'s name (repeatable; KEY= removes it). Agents may set their own' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l os-user -d 'The OS account (on a team store: the PostgreSQL role) that signs in as this agent (admins; empty: the one named like the agent)' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add an agent (admins)'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "list" -d 'List agents'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one agent and their open tickets'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "status" -d 'Set an agent\'s status: online, offline or busy'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change an agent\'s skills, capacity or role (admins)'
complete -c desk -n "__fish_desk_using_subcommand agent; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -f -a "check" -d 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)'
complete -c desk -n "__fish_desk_using_subcommand sla; and not __fish_seen_subcommand_from check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l exit-code -d 'Exit 1 when any milestone is breached (for monitoring)'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l dry-run -d 'Show what stands and what would fire, without recording anything'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l recompute -d 'First recompute every open ticket\'s deadlines: after changing policies or calendars in config.toml, or for tickets filed before the policy existed'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from help" -f -a "check" -d 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)'
complete -c desk -n "__fish_desk_using_subcommand sla; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -f -a "add" -d 'Add a requester with a tier (agents); `--tier` on an existing one changes it'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -f -a "set" -d 'Change an existing requester\'s tier (agents)'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -f -a "list" -d 'List requesters that have a record'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -f -a "show" -d 'Show a requester\'s tier, their usage of its rate limits, and their tickets'
complete -c desk -n "__fish_desk_using_subcommand requester; and not __fish_seen_subcommand_from add set list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l tier -d 'A tier defined in config.toml (e.g. standard, vip, enterprise, internal) [default: the config\'s default tier]' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l os-user -d 'The OS account (on a team store: the PostgreSQL role) that signs in as this requester [default: the one of the same name]' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l tier -d 'The new tier: one defined in config.toml' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l os-user -d 'The OS account (on a team store: the PostgreSQL role) that signs in as this requester (admins; empty: the one of the same name)' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l contact -d 'Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, or a sink\'s name (repeatable; KEY= removes it). A name that is an e-mail address needs no email=' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a requester with a tier (agents); `--tier` on an existing one changes it'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from help" -f -a "set" -d 'Change an existing requester\'s tier (agents)'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from help" -f -a "list" -d 'List requesters that have a record'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a requester\'s tier, their usage of its rate limits, and their tickets'
complete -c desk -n "__fish_desk_using_subcommand requester; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -f -a "auto" -d 'Assign unclaimed tickets (or one) to the best agents; leads and admins'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -f -a "explain" -d 'Show how a ticket was routed, and how it would be now: scores, who cannot take it'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -f -a "rebalance" -d 'Return (or reassign) the unstarted tickets of offline agents; leads and admins'
complete -c desk -n "__fish_desk_using_subcommand assign; and not __fish_seen_subcommand_from auto explain rebalance help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l strategy -d 'Use this strategy for every ticket [default: `[routing]` in config.toml]' -r -f -a "skills\t''
load\t''
round-robin\t''
quality\t''
balanced\t''"
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l limit -d 'Assign at most N tickets; the rest of the queue is left for the next run' -r
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l dry-run -d 'Show the plan and write nothing (any agent may)'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l fail-if-unassigned -d 'Exit 1 if any considered ticket stays unclaimed'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from auto" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -l strategy -d 'Rank by this strategy [default: the ticket type\'s, from config.toml]' -r -f -a "skills\t''
load\t''
round-robin\t''
quality\t''
balanced\t''"
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -l dry-run -d 'Show what would move and write nothing (any agent may)'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from rebalance" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from help" -f -a "auto" -d 'Assign unclaimed tickets (or one) to the best agents; leads and admins'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Show how a ticket was routed, and how it would be now: scores, who cannot take it'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from help" -f -a "rebalance" -d 'Return (or reassign) the unstarted tickets of offline agents; leads and admins'
complete -c desk -n "__fish_desk_using_subcommand assign; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -f -a "flush" -d 'Route new events into messages and send the ones due (run it from cron)'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -f -a "list" -d 'List messages: waiting and failed by default (agents)'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -f -a "retry" -d 'Send dead letters (or waiting messages) again at the next flush (agents)'
complete -c desk -n "__fish_desk_using_subcommand notify; and not __fish_seen_subcommand_from flush list retry help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l limit -d 'Send at most N messages this run [default: `[notify] batch`, 100]' -r
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l dry-run -d 'Show what would be routed and sent; send nothing and change nothing'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from flush" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -s n -l limit -d 'Show at most this many' -r
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l pending -d 'Only messages waiting for an attempt (failed ones waiting to be retried included)'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l failed -d 'Only failures: dead letters (failed every attempt, given up) and messages still retrying (failed at least once, another attempt due)'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l delivered -d 'Only delivered messages (kept for `[notify] keep_delivered`)'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l all -d 'Everything: waiting, dead and delivered'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -l all -d 'Every dead letter'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "flush" -d 'Route new events into messages and send the ones due (run it from cron)'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "list" -d 'List messages: waiting and failed by default (agents)'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Send dead letters (or waiting messages) again at the next flush (agents)'
complete -c desk -n "__fish_desk_using_subcommand notify; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand report" -l since -d 'Start of the period: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w) [default: 30 days before --until]' -r
complete -c desk -n "__fish_desk_using_subcommand report" -l until -d 'End of the period, included (a date runs through the end of that day) [default: now]' -r
complete -c desk -n "__fish_desk_using_subcommand report" -l by -d 'Split the figures by ticket type, agent (the per-agent performance table: the assignee at close), requester tier, priority, requester, channel (cli, email, web…), day, ISO week, weekday, hour of day (weekday and hour add the workload heatmap), tag (a ticket counts in each of its tags) or department' -r -f -a "type\t''
agent\t''
tier\t''
priority\t''
requester\t''
channel\t''
day\t''
week\t''
weekday\t''
hour\t''
tag\t''
department\t''"
complete -c desk -n "__fish_desk_using_subcommand report" -l format -d 'Output format [default: table, or what --output\'s extension names: .json, .csv, .html] (the global --json means json)' -r -f -a "table\t'Tables for people (with charts on a terminal); tab-separated rows when piped'
json\t'The stable machine schema'
csv\t'One row for the total, then one per group'
html\t'A self-contained page (tables and SVG charts, no external assets) for a browser'"
complete -c desk -n "__fish_desk_using_subcommand report" -l tz -d 'Time zone (IANA name, e.g. Asia/Shanghai) for days, weeks, weekdays, hours and the heatmap' -r
complete -c desk -n "__fish_desk_using_subcommand report" -s o -l output -d 'Write the report to FILE instead of stdout (e.g. report.html)' -r -F
complete -c desk -n "__fish_desk_using_subcommand report" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand report" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand report" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand report" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand report" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand report" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand report" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l closed-before -d 'Move tickets closed before this: an age (30d, 12h, 2w), a date (2026-01-31) or an RFC 3339 time [default: config.toml\'s archive.after]' -r
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l purge-before -d 'Delete archived tickets closed before this, for good (legal retention; admins). Asks first (or needs --yes without a terminal), then writes them to an export file' -r
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l export -d 'With --purge-before: the JSON Lines file to write the purged tickets to (must not exist) [default: <home>/purged/purge-<time>.jsonl, or purge-<time>-2.jsonl … when taken]' -r -F
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -s y -l yes -d 'With --purge-before: do not ask for confirmation'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l dry-run -d 'Show what would move (or be purged) without writing anything'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -f -a "status" -d 'Counts and sizes of the hot store and the cold archive'
complete -c desk -n "__fish_desk_using_subcommand archive; and not __fish_seen_subcommand_from status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from help" -f -a "status" -d 'Counts and sizes of the hot store and the cold archive'
complete -c desk -n "__fish_desk_using_subcommand archive; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand doctor" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand doctor" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand doctor" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand doctor" -l repair -d 'Rebuild the derived data (indexes, archive locations, leftover files) from the records, and report what was fixed (admins)'
complete -c desk -n "__fish_desk_using_subcommand doctor" -l migrate -d 'Run the schema migrations a newer desk needs: the same as `desk migrate` (admins)'
complete -c desk -n "__fish_desk_using_subcommand doctor" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand doctor" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand doctor" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand doctor" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand migrate" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand migrate" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand migrate" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand migrate" -l check -d 'Only say which steps are due, changing nothing (anyone): exit 0 when the store is at this desk\'s schema, 5 when `desk migrate` has work to do'
complete -c desk -n "__fish_desk_using_subcommand migrate" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand migrate" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand migrate" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand migrate" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand migrate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand export" -l format -d 'Output format' -r -f -a "jsonl\t'One JSON record per line: people, KB articles, then tickets with their events (for `desk import`)'
csv\t'One row per ticket with a column per template field (for spreadsheets)'"
complete -c desk -n "__fish_desk_using_subcommand export" -l since -d 'Only tickets created at or after WHEN: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w)' -r
complete -c desk -n "__fish_desk_using_subcommand export" -l until -d 'Only tickets created before WHEN (a date means the end of that day)' -r
complete -c desk -n "__fish_desk_using_subcommand export" -l status -d 'Only tickets in these states (comma-separated or repeated)' -r -f -a "unclaimed\t''
pending\t''
awaiting\t''
closed\t''"
complete -c desk -n "__fish_desk_using_subcommand export" -l type -d 'Only tickets of this type (repeatable)' -r
complete -c desk -n "__fish_desk_using_subcommand export" -s o -l output -d 'Write to FILE instead of stdout (FILE appears only once complete)' -r -F
complete -c desk -n "__fish_desk_using_subcommand export" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand export" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand export" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand export" -l archived -d 'Include archived tickets (the default)'
complete -c desk -n "__fish_desk_using_subcommand export" -l no-archived -d 'Only the hot store (open and recently closed tickets); the archive is not read'
complete -c desk -n "__fish_desk_using_subcommand export" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand export" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand export" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand export" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand export" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand import" -l format -d 'Input format [default: csv for a *.csv file, else jsonl]' -r -f -a "jsonl\t'`desk export --format jsonl` output'
csv\t'A spreadsheet: a header row, then one ticket per row (see --map)'"
complete -c desk -n "__fish_desk_using_subcommand import" -l map -d 'CSV: take TARGET from the column named COLUMN; TARGET is title, body, requester, priority, type, created_at or a template field (NAME or field.NAME). Columns named like a target are taken without a mapping (repeatable)' -r
complete -c desk -n "__fish_desk_using_subcommand import" -l type -d 'CSV: the ticket type of rows that have no type column' -r
complete -c desk -n "__fish_desk_using_subcommand import" -l id-column -d 'CSV: the column that identifies a row in its source; a re-import skips rows whose id was imported before [default: a hash of the row\'s mapped content]' -r
complete -c desk -n "__fish_desk_using_subcommand import" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand import" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand import" -l dry-run -d 'Check every record and report what would be written; write nothing'
complete -c desk -n "__fish_desk_using_subcommand import" -l skip-invalid -d 'Write the valid records even when some fail (the failures are still listed, exit 5)'
complete -c desk -n "__fish_desk_using_subcommand import" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand import" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand import" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand import" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand import" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand backup" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand backup" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand backup" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand backup" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand backup" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand backup" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand backup" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand backup" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand restore" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand restore" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand restore" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand restore" -l force -d 'Replace a home that already has tickets (what it holds now is lost)'
complete -c desk -n "__fish_desk_using_subcommand restore" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand restore" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand restore" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand restore" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand restore" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand audit" -l actor -d 'Only entries where this user acted, for real or as someone else' -r
complete -c desk -n "__fish_desk_using_subcommand audit" -l since -d 'Only entries from this time on (RFC 3339, a date, or an age like 7d)' -r
complete -c desk -n "__fish_desk_using_subcommand audit" -l until -d 'Only entries up to this time (inclusive)' -r
complete -c desk -n "__fish_desk_using_subcommand audit" -s n -l limit -d 'Show at most the newest N entries' -r
complete -c desk -n "__fish_desk_using_subcommand audit" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand audit" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand audit" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand audit" -l refused -d 'Only refused moves'
complete -c desk -n "__fish_desk_using_subcommand audit" -l impersonated -d 'Only commands run as another user (--as)'
complete -c desk -n "__fish_desk_using_subcommand audit" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand audit" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand audit" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand audit" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand audit" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand serve" -l listen -d 'The address and port to listen on' -r
complete -c desk -n "__fish_desk_using_subcommand serve" -l threads -d 'Requests handled at once' -r
complete -c desk -n "__fish_desk_using_subcommand serve" -l body-timeout -d 'How long a client may take to send a request\'s body; past it, 408 and the worker moves on' -r
complete -c desk -n "__fish_desk_using_subcommand serve" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand serve" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand serve" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand serve" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand serve" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand serve" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand serve" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'Make a token for `desk serve` and print its secret, once'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'Every token: who it acts as, its scopes, and whether it still works'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'Stop a token from working, from its next request'
complete -c desk -n "__fish_desk_using_subcommand token; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l user -d 'The desk user the token acts as (an agent or a requester on record)' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l scope -d 'What it may do, comma-separated or repeated: ticket:new, ticket:read, ticket:write, report:read' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -s t -l type -d 'Only tickets of this type (filing and reading)' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l expires -d 'How long it works: an age (90d, 12h, 2w), or `never`' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l name -d 'Its name in events and `token list` [default: the user\'s name, or NAME-2, -3 …]' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Make a token for `desk serve` and print its secret, once'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every token: who it acts as, its scopes, and whether it still works'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Stop a token from working, from its next request'
complete -c desk -n "__fish_desk_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand completions" -l home -d 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]' -r -F
complete -c desk -n "__fish_desk_using_subcommand completions" -l as -d 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]' -r
complete -c desk -n "__fish_desk_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c desk -n "__fish_desk_using_subcommand completions" -l json -d 'Print stable JSON instead of tables'
complete -c desk -n "__fish_desk_using_subcommand completions" -s q -l quiet -d 'Print only ids'
complete -c desk -n "__fish_desk_using_subcommand completions" -l no-input -d 'Never prompt; fail with exit 5 and list what is missing instead'
complete -c desk -n "__fish_desk_using_subcommand completions" -l no-pager -d 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less'
complete -c desk -n "__fish_desk_using_subcommand completions" -s h -l help -d 'Print help'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "init" -d 'Create the desk home: config, templates, store (safe to run again)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "ticket" -d 'File, list, show and move tickets through their lifecycle'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "template" -d 'List, show and check ticket types (TOML templates)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "config" -d 'Show the settings in effect; share config.toml with every host of a team store'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "kb" -d 'Knowledge base (知识库): articles to answer with, searched and suggested'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "ingest" -d 'Take in tickets from other channels (e-mail)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "agent" -d 'Manage agents: skills, capacity, role and status'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "sla" -d 'SLA: warn on tickets at risk, record and escalate breaches (run from cron)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "requester" -d 'Manage requesters and their tiers'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "assign" -d 'Route tickets to agents by skills, load and quality, and explain why'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "notify" -d 'Notifications: send what the outbox holds (from cron), list and retry failures'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "report" -d 'The desk\'s figures over a period: volumes, backlog, response and resolution times, SLA, CSAT'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "archive" -d 'Move old closed tickets to the cold archive now, show its figures, purge past retention'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "doctor" -d 'Check the store\'s indexes, histories and archive; repair what is derived; migrate'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "migrate" -d 'Upgrade the store (and a team store\'s tables) for this desk, or check what is due'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "export" -d 'Write tickets with their history, and people, as JSONL or CSV (leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "import" -d 'Read a `desk export` (JSONL) or a spreadsheet (CSV) into this home (admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "backup" -d 'Write a consistent, checksummed snapshot of the whole home while desk keeps running (leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "restore" -d 'Bring a home back from a backup, after checking all of it (admins to replace a home)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "audit" -d 'Who did what as whom: impersonated, privileged and refused commands (admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "serve" -d 'Serve the desk over HTTP: a JSON API for holders of an API token (`desk token`)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "token" -d 'API tokens for `desk serve`: make one (its secret shown once), list, revoke (admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c desk -n "__fish_desk_using_subcommand help; and not __fish_seen_subcommand_from init ticket template config kb ingest agent sla requester assign notify report archive doctor migrate export import backup restore audit serve token completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "new" -d 'File a new ticket from a template'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "show" -d 'Show a ticket with its fields and history (archived ones too)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "log" -d 'Show a ticket\'s history (流转记录)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "list" -d 'List tickets, in queue order (priority, then age)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "search" -d 'Find tickets by words, hot and archived, best match first (full-text, BM25)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "claim" -d 'Take an unclaimed ticket: unclaimed → pending'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "reply" -d 'Reply to the other side: the handler\'s reply → awaiting; the requester\'s → pending'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "comment" -d 'Add an internal note for agents (no state change)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "confirm" -d 'Accept the handler\'s answer, as the requester: awaiting → closed'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "close" -d 'Close a ticket (admins; handlers of customer-workflow types after a reply)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "reopen" -d 'Reopen a closed ticket, archived ones included: closed → pending'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "transfer" -d 'Hand a ticket to another agent (the handler, leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "assign" -d 'Assign a ticket to an agent (leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "rate" -d 'Rate the service of a closed ticket, as the requester (CSAT 1–5)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "priority" -d 'Change an open ticket\'s priority (the handler, leads and admins); SLA targets follow'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "tag" -d 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "watch" -d 'Follow a ticket (我关注的): hear what its requester hears'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "unwatch" -d 'Stop following a ticket'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "link" -d 'Link two tickets: A relates to / blocks / is the parent of B (agents)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "unlink" -d 'Remove the link between two tickets (agents)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "merge" -d 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST\'s handler)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ticket" -f -a "split" -d 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "list" -d 'List ticket types (broken templates are reported, not hidden)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "show" -d 'Show a type\'s settings and fields'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "check" -d 'Check template files (or all of the home\'s) without touching the store'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "publish" -d 'Share this home\'s templates with every host of the team store (admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from template" -f -a "pull" -d 'Write the team store\'s published types into this home\'s templates/, to edit them'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the settings this home works by, and where they come from'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "publish" -d 'Share this home\'s config.toml (all but [store]) with every host of the team store (admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "pull" -d 'Write the team store\'s settings into this home\'s config.toml, to edit them'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "add" -d 'Write a new article (agents)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "edit" -d 'Change an article\'s title, body, tags or types (its author, leads and admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "show" -d 'Show an article with its uses'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "list" -d 'List articles, most used first'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from kb" -f -a "search" -d 'Find articles by words, best match first'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from ingest" -f -a "email" -d 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "add" -d 'Add an agent (admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "list" -d 'List agents'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "show" -d 'Show one agent and their open tickets'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "status" -d 'Set an agent\'s status: online, offline or busy'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from agent" -f -a "set" -d 'Change an agent\'s skills, capacity or role (admins)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from sla" -f -a "check" -d 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from requester" -f -a "add" -d 'Add a requester with a tier (agents); `--tier` on an existing one changes it'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from requester" -f -a "set" -d 'Change an existing requester\'s tier (agents)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from requester" -f -a "list" -d 'List requesters that have a record'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from requester" -f -a "show" -d 'Show a requester\'s tier, their usage of its rate limits, and their tickets'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from assign" -f -a "auto" -d 'Assign unclaimed tickets (or one) to the best agents; leads and admins'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from assign" -f -a "explain" -d 'Show how a ticket was routed, and how it would be now: scores, who cannot take it'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from assign" -f -a "rebalance" -d 'Return (or reassign) the unstarted tickets of offline agents; leads and admins'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "flush" -d 'Route new events into messages and send the ones due (run it from cron)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "list" -d 'List messages: waiting and failed by default (agents)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from notify" -f -a "retry" -d 'Send dead letters (or waiting messages) again at the next flush (agents)'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from archive" -f -a "status" -d 'Counts and sizes of the hot store and the cold archive'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Make a token for `desk serve` and print its secret, once'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "list" -d 'Every token: who it acts as, its scopes, and whether it still works'
complete -c desk -n "__fish_desk_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "revoke" -d 'Stop a token from working, from its next request'
