
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'desk' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'desk'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'desk' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the desk home: config, templates, store (safe to run again)')
            [CompletionResult]::new('ticket', 'ticket', [CompletionResultType]::ParameterValue, 'File, list, show and move tickets through their lifecycle')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'List, show and check ticket types (TOML templates)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the settings in effect; share config.toml with every host of a team store')
            [CompletionResult]::new('kb', 'kb', [CompletionResultType]::ParameterValue, 'Knowledge base (知识库): articles to answer with, searched and suggested')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Take in tickets from other channels (e-mail)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Manage agents: skills, capacity, role and status')
            [CompletionResult]::new('sla', 'sla', [CompletionResultType]::ParameterValue, 'SLA: warn on tickets at risk, record and escalate breaches (run from cron)')
            [CompletionResult]::new('requester', 'requester', [CompletionResultType]::ParameterValue, 'Manage requesters and their tiers')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Route tickets to agents by skills, load and quality, and explain why')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Notifications: send what the outbox holds (from cron), list and retry failures')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The desk''s figures over a period: volumes, backlog, response and resolution times, SLA, CSAT')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Move old closed tickets to the cold archive now, show its figures, purge past retention')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the store''s indexes, histories and archive; repair what is derived; migrate')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Upgrade the store (and a team store''s tables) for this desk, or check what is due')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write tickets with their history, and people, as JSONL or CSV (leads and admins)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read a `desk export` (JSONL) or a spreadsheet (CSV) into this home (admins)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent, checksummed snapshot of the whole home while desk keeps running (leads and admins)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring a home back from a backup, after checking all of it (admins to replace a home)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Who did what as whom: impersonated, privileged and refused commands (admins)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the desk over HTTP: a JSON API for holders of an API token (`desk token`)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'API tokens for `desk serve`: make one (its secret shown once), list, revoke (admins)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;init' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Share the new home with this OS group: directories 2770, files 0660')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'Keep tickets in a team store on PostgreSQL that other hosts share, instead of the embedded one: written to config.toml as [store] url (password: [store] password, PGPASSWORD or ~/.pgpass)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--examples', '--examples', [CompletionResultType]::ParameterName, 'Also install example ticket types (incident, access-request, ci-failure, customer-complaint)')
            [CompletionResult]::new('--insecure-test-identities', '--insecure-test-identities', [CompletionResultType]::ParameterName, 'FOR TESTS ONLY: trust --as / DESK_USER as the acting user, with no admin check. Only when the home is created; `desk doctor` reports it. Never use it for a real desk')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'File a new ticket from a template')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its fields and history (archived ones too)')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show a ticket''s history (流转记录)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, in queue order (priority, then age)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find tickets by words, hot and archived, best match first (full-text, BM25)')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Take an unclaimed ticket: unclaimed → pending')
            [CompletionResult]::new('reply', 'reply', [CompletionResultType]::ParameterValue, 'Reply to the other side: the handler''s reply → awaiting; the requester''s → pending')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Add an internal note for agents (no state change)')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Accept the handler''s answer, as the requester: awaiting → closed')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a ticket (admins; handlers of customer-workflow types after a reply)')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a closed ticket, archived ones included: closed → pending')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'Hand a ticket to another agent (the handler, leads and admins)')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a ticket to an agent (leads and admins)')
            [CompletionResult]::new('rate', 'rate', [CompletionResultType]::ParameterValue, 'Rate the service of a closed ticket, as the requester (CSAT 1–5)')
            [CompletionResult]::new('priority', 'priority', [CompletionResultType]::ParameterValue, 'Change an open ticket''s priority (the handler, leads and admins); SLA targets follow')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a ticket (我关注的): hear what its requester hears')
            [CompletionResult]::new('unwatch', 'unwatch', [CompletionResultType]::ParameterValue, 'Stop following a ticket')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two tickets: A relates to / blocks / is the parent of B (agents)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Remove the link between two tickets (agents)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST''s handler)')
            [CompletionResult]::new('split', 'split', [CompletionResultType]::ParameterValue, 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;ticket;new' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Ticket type: a template name (see `desk template list`)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Ticket type: a template name (see `desk template list`)')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'One-line summary')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'Body text; `-` reads standard input')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the body from a file')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A template field, as KEY=VALUE (repeatable)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A template field, as KEY=VALUE (repeatable)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Priority [default: the template''s, raised by the requester''s tier]')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Priority [default: the template''s, raised by the requester''s tier]')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'File on behalf of this requester (agents only) [default: the acting user]')
            [CompletionResult]::new('--dedup-key', '--dedup-key', [CompletionResultType]::ParameterName, 'Deduplicate: if an open ticket has this key, record an occurrence on it instead')
            [CompletionResult]::new('--from-json', '--from-json', [CompletionResultType]::ParameterName, 'Read tickets as JSON from FILE (`-` for standard input): one object, or JSON Lines')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach a file (repeatable). Limits per file and per ticket: `[attachments]` in config.toml')
            [CompletionResult]::new('--channel', '--channel', [CompletionResultType]::ParameterName, 'Name the channel the ticket came through, for `report --by channel`: a lowercase word such as web, im or ci [default: cli; json with --from-json, where a `channel` key wins]')
            [CompletionResult]::new('--assign', '--assign', [CompletionResultType]::ParameterName, 'Route the new ticket to an agent at once, as `desk assign auto` would (leads and admins)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Tag the new ticket (repeatable or comma-separated), on top of the type''s default tags')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--over-limit', '--over-limit', [CompletionResultType]::ParameterName, 'File past the requester''s rate limit (leads and admins; recorded in the history)')
            [CompletionResult]::new('--suggest', '--suggest', [CompletionResultType]::ParameterName, 'Show matching KB articles and similar closed tickets first (on stderr; in --json as `suggestions`). Always done on a terminal, which then asks whether to file anyway')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;log' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;list' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only these states (comma-separated) [default: unclaimed,pending,awaiting]')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only these states (comma-separated) [default: unclaimed,pending,awaiting]')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Only tickets assigned to this agent (`me` for yourself)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to this agent (`me` for yourself)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only tickets of this type')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only tickets of this type')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Only tickets filed by this requester (`me` for yourself)')
            [CompletionResult]::new('--requester', '--requester', [CompletionResultType]::ParameterName, 'Only tickets filed by this requester (`me` for yourself)')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Only tickets of these priorities (comma-separated)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Only tickets of these priorities (comma-separated)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only tickets carrying this tag')
            [CompletionResult]::new('--watching', '--watching', [CompletionResultType]::ParameterName, 'Only tickets you follow (我关注的), or that NAME follows')
            [CompletionResult]::new('--department', '--department', [CompletionResultType]::ParameterName, 'Only tickets routed to this department')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Include recently closed tickets (archived ones are not listed)')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'List archived tickets instead (from the cold archive; same filters, every state unless --status)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;search' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Only tickets in these states (comma-separated)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only tickets in these states (comma-separated)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only tickets of this type')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only tickets of this type')
            [CompletionResult]::new('-a', '-a', [CompletionResultType]::ParameterName, 'Only tickets assigned to this agent (`me` for yourself)')
            [CompletionResult]::new('--assignee', '--assignee', [CompletionResultType]::ParameterName, 'Only tickets assigned to this agent (`me` for yourself)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tickets filed at or after: a time, a date (2026-03-01) or an age (7d, 12h, 2w)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only tickets filed before: a time, a date (through its end) or an age')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--reindex', '--reindex', [CompletionResultType]::ParameterName, 'Rebuild the search index from the store first (after it was lost or damaged)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;claim' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;reply' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The message; `-` reads standard input. With --kb: your note, followed by a line naming the article')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The message; `-` reads standard input. With --kb: your note, followed by a line naming the article')
            [CompletionResult]::new('--kb', '--kb', [CompletionResultType]::ParameterName, 'Answer with a knowledge-base article (agents): without -m its text is the reply; the use is counted')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach a file to the reply (repeatable). Limits: `[attachments]` in config.toml')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;comment' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'The message; `-` reads standard input')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'The message; `-` reads standard input')
            [CompletionResult]::new('--attach', '--attach', [CompletionResultType]::ParameterName, 'Attach a file to the note (repeatable; agents see it, requesters do not)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;confirm' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;close' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;reopen' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;transfer' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The agent who takes the ticket')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;assign' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The agent who takes the ticket')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'Why: recorded on the event, shown by `ticket log` (`-` reads standard input)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;rate' {
            [CompletionResult]::new('--score', '--score', [CompletionResultType]::ParameterName, 'Satisfaction from 1 (very unhappy) to 5 (very happy)')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'An optional comment')
            [CompletionResult]::new('--message', '--message', [CompletionResultType]::ParameterName, 'An optional comment')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;priority' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;tag' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;watch' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Add (or remove) this person instead of yourself: agents, and the ticket''s requester copying in a colleague (抄送)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;unwatch' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Add (or remove) this person instead of yourself: agents, and the ticket''s requester copying in a colleague (抄送)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;link' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'relates, blocks (A must close before B), blocked-by, parent (A is B''s parent), child')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;unlink' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;merge' {
            [CompletionResult]::new('--into', '--into', [CompletionResultType]::ParameterName, 'The ticket they are merged into, which stays open')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;split' {
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'The event whose text becomes the new ticket (its number in `desk ticket log`)')
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'The new ticket''s title [default: the text''s first line]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;ticket;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'File a new ticket from a template')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its fields and history (archived ones too)')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show a ticket''s history (流转记录)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, in queue order (priority, then age)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find tickets by words, hot and archived, best match first (full-text, BM25)')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Take an unclaimed ticket: unclaimed → pending')
            [CompletionResult]::new('reply', 'reply', [CompletionResultType]::ParameterValue, 'Reply to the other side: the handler''s reply → awaiting; the requester''s → pending')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Add an internal note for agents (no state change)')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Accept the handler''s answer, as the requester: awaiting → closed')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a ticket (admins; handlers of customer-workflow types after a reply)')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a closed ticket, archived ones included: closed → pending')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'Hand a ticket to another agent (the handler, leads and admins)')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a ticket to an agent (leads and admins)')
            [CompletionResult]::new('rate', 'rate', [CompletionResultType]::ParameterValue, 'Rate the service of a closed ticket, as the requester (CSAT 1–5)')
            [CompletionResult]::new('priority', 'priority', [CompletionResultType]::ParameterValue, 'Change an open ticket''s priority (the handler, leads and admins); SLA targets follow')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a ticket (我关注的): hear what its requester hears')
            [CompletionResult]::new('unwatch', 'unwatch', [CompletionResultType]::ParameterValue, 'Stop following a ticket')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two tickets: A relates to / blocks / is the parent of B (agents)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Remove the link between two tickets (agents)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST''s handler)')
            [CompletionResult]::new('split', 'split', [CompletionResultType]::ParameterValue, 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;ticket;help;new' {
            break
        }
        'desk;ticket;help;show' {
            break
        }
        'desk;ticket;help;log' {
            break
        }
        'desk;ticket;help;list' {
            break
        }
        'desk;ticket;help;search' {
            break
        }
        'desk;ticket;help;claim' {
            break
        }
        'desk;ticket;help;reply' {
            break
        }
        'desk;ticket;help;comment' {
            break
        }
        'desk;ticket;help;confirm' {
            break
        }
        'desk;ticket;help;close' {
            break
        }
        'desk;ticket;help;reopen' {
            break
        }
        'desk;ticket;help;transfer' {
            break
        }
        'desk;ticket;help;assign' {
            break
        }
        'desk;ticket;help;rate' {
            break
        }
        'desk;ticket;help;priority' {
            break
        }
        'desk;ticket;help;tag' {
            break
        }
        'desk;ticket;help;watch' {
            break
        }
        'desk;ticket;help;unwatch' {
            break
        }
        'desk;ticket;help;link' {
            break
        }
        'desk;ticket;help;unlink' {
            break
        }
        'desk;ticket;help;merge' {
            break
        }
        'desk;ticket;help;split' {
            break
        }
        'desk;ticket;help;help' {
            break
        }
        'desk;template' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ticket types (broken templates are reported, not hidden)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a type''s settings and fields')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check template files (or all of the home''s) without touching the store')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Share this home''s templates with every host of the team store (admins)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the team store''s published types into this home''s templates/, to edit them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;template;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;template;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;template;check' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;template;publish' {
            [CompletionResult]::new('--remove', '--remove', [CompletionResultType]::ParameterName, 'Withdraw these types from the team store instead (tickets of them stay)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;template;pull' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;template;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ticket types (broken templates are reported, not hidden)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a type''s settings and fields')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check template files (or all of the home''s) without touching the store')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Share this home''s templates with every host of the team store (admins)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the team store''s published types into this home''s templates/, to edit them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;template;help;list' {
            break
        }
        'desk;template;help;show' {
            break
        }
        'desk;template;help;check' {
            break
        }
        'desk;template;help;publish' {
            break
        }
        'desk;template;help;pull' {
            break
        }
        'desk;template;help;help' {
            break
        }
        'desk;config' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings this home works by, and where they come from')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Share this home''s config.toml (all but [store]) with every host of the team store (admins)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the team store''s settings into this home''s config.toml, to edit them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;config;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;config;publish' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;config;pull' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings this home works by, and where they come from')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Share this home''s config.toml (all but [store]) with every host of the team store (admins)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the team store''s settings into this home''s config.toml, to edit them')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;config;help;show' {
            break
        }
        'desk;config;help;publish' {
            break
        }
        'desk;config;help;pull' {
            break
        }
        'desk;config;help;help' {
            break
        }
        'desk;kb' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Write a new article (agents)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an article''s title, body, tags or types (its author, leads and admins)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an article with its uses')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List articles, most used first')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find articles by words, best match first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;kb;add' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'One-line title')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The article''s text; `-` reads standard input')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'A label, e.g. vpn (repeatable)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'A ticket type the article answers (repeatable) [default: any type]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'A ticket type the article answers (repeatable) [default: any type]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;kb;edit' {
            [CompletionResult]::new('--title', '--title', [CompletionResultType]::ParameterName, 'New title')
            [CompletionResult]::new('--body', '--body', [CompletionResultType]::ParameterName, 'The article''s text; `-` reads standard input')
            [CompletionResult]::new('--body-file', '--body-file', [CompletionResultType]::ParameterName, 'Read the text from a file')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Replace the tags with these (repeatable)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Replace the linked ticket types with these (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Replace the linked ticket types with these (repeatable)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--clear-tags', '--clear-tags', [CompletionResultType]::ParameterName, 'Remove every tag')
            [CompletionResult]::new('--any-type', '--any-type', [CompletionResultType]::ParameterName, 'Link the article to no type in particular (it answers any)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;kb;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;kb;list' {
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Only articles with this tag')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only articles for this ticket type (and those for any type)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only articles for this ticket type (and those for any type)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;kb;search' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only articles for this ticket type (and those for any type)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only articles for this ticket type (and those for any type)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;kb;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Write a new article (agents)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an article''s title, body, tags or types (its author, leads and admins)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an article with its uses')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List articles, most used first')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find articles by words, best match first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;kb;help;add' {
            break
        }
        'desk;kb;help;edit' {
            break
        }
        'desk;kb;help;show' {
            break
        }
        'desk;kb;help;list' {
            break
        }
        'desk;kb;help;search' {
            break
        }
        'desk;kb;help;help' {
            break
        }
        'desk;ingest' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;ingest;email' {
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Type for new tickets [default: `[email] template` in config.toml]')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Type for new tickets [default: `[email] template` in config.toml]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;ingest;help' {
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;ingest;help;email' {
            break
        }
        'desk;ingest;help;help' {
            break
        }
        'desk;agent' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an agent (admins)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one agent and their open tickets')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Set an agent''s status: online, offline or busy')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an agent''s skills, capacity or role (admins)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;agent;add' {
            [CompletionResult]::new('--skills', '--skills', [CompletionResultType]::ParameterName, 'Skills, comma-separated, each with an optional level 1-5 (e.g. ops,network:3)')
            [CompletionResult]::new('--capacity', '--capacity', [CompletionResultType]::ParameterName, 'The most open tickets they should hold at once')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'agent, lead (may assign and transfer) or admin (may do anything)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Initial status')
            [CompletionResult]::new('--os-user', '--os-user', [CompletionResultType]::ParameterName, 'The OS account (on a team store: the PostgreSQL role) that signs in as this agent [default: the one named like the agent]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;agent;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;agent;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;agent;status' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--rebalance', '--rebalance', [CompletionResultType]::ParameterName, 'Going offline: return (or reassign, per `routing.on_offline`) their unstarted tickets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;agent;set' {
            [CompletionResult]::new('--skills', '--skills', [CompletionResultType]::ParameterName, 'Replace the skills (comma-separated, optional level 1-5: db:3; empty to clear)')
            [CompletionResult]::new('--add-skill', '--add-skill', [CompletionResultType]::ParameterName, 'Add skills, or change their level (comma-separated, e.g. db:4)')
            [CompletionResult]::new('--remove-skill', '--remove-skill', [CompletionResultType]::ParameterName, 'Remove skills, whatever their level (comma-separated)')
            [CompletionResult]::new('--capacity', '--capacity', [CompletionResultType]::ParameterName, 'capacity')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'role')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, feishu=URL, or a sink''s name (repeatable; KEY= removes it). Agents may set their own')
            [CompletionResult]::new('--os-user', '--os-user', [CompletionResultType]::ParameterName, 'The OS account (on a team store: the PostgreSQL role) that signs in as this agent (admins; empty: the one named like the agent)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;agent;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an agent (admins)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one agent and their open tickets')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Set an agent''s status: online, offline or busy')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an agent''s skills, capacity or role (admins)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;agent;help;add' {
            break
        }
        'desk;agent;help;list' {
            break
        }
        'desk;agent;help;show' {
            break
        }
        'desk;agent;help;status' {
            break
        }
        'desk;agent;help;set' {
            break
        }
        'desk;agent;help;help' {
            break
        }
        'desk;sla' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;sla;check' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--exit-code', '--exit-code', [CompletionResultType]::ParameterName, 'Exit 1 when any milestone is breached (for monitoring)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what stands and what would fire, without recording anything')
            [CompletionResult]::new('--recompute', '--recompute', [CompletionResultType]::ParameterName, 'First recompute every open ticket''s deadlines: after changing policies or calendars in config.toml, or for tickets filed before the policy existed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;sla;help' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;sla;help;check' {
            break
        }
        'desk;sla;help;help' {
            break
        }
        'desk;requester' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a requester with a tier (agents); `--tier` on an existing one changes it')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an existing requester''s tier (agents)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List requesters that have a record')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a requester''s tier, their usage of its rate limits, and their tickets')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;requester;add' {
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'A tier defined in config.toml (e.g. standard, vip, enterprise, internal) [default: the config''s default tier]')
            [CompletionResult]::new('--os-user', '--os-user', [CompletionResultType]::ParameterName, 'The OS account (on a team store: the PostgreSQL role) that signs in as this requester [default: the one of the same name]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;requester;set' {
            [CompletionResult]::new('--tier', '--tier', [CompletionResultType]::ParameterName, 'The new tier: one defined in config.toml')
            [CompletionResult]::new('--os-user', '--os-user', [CompletionResultType]::ParameterName, 'The OS account (on a team store: the PostgreSQL role) that signs in as this requester (admins; empty: the one of the same name)')
            [CompletionResult]::new('--contact', '--contact', [CompletionResultType]::ParameterName, 'Where notifications reach them, KEY=VALUE: email=ADDRESS, sms=NUMBER, or a sink''s name (repeatable; KEY= removes it). A name that is an e-mail address needs no email=')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;requester;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;requester;show' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;requester;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a requester with a tier (agents); `--tier` on an existing one changes it')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an existing requester''s tier (agents)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List requesters that have a record')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a requester''s tier, their usage of its rate limits, and their tickets')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;requester;help;add' {
            break
        }
        'desk;requester;help;set' {
            break
        }
        'desk;requester;help;list' {
            break
        }
        'desk;requester;help;show' {
            break
        }
        'desk;requester;help;help' {
            break
        }
        'desk;assign' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('auto', 'auto', [CompletionResultType]::ParameterValue, 'Assign unclaimed tickets (or one) to the best agents; leads and admins')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how a ticket was routed, and how it would be now: scores, who cannot take it')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Return (or reassign) the unstarted tickets of offline agents; leads and admins')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;assign;auto' {
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'Use this strategy for every ticket [default: `[routing]` in config.toml]')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Assign at most N tickets; the rest of the queue is left for the next run')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show the plan and write nothing (any agent may)')
            [CompletionResult]::new('--fail-if-unassigned', '--fail-if-unassigned', [CompletionResultType]::ParameterName, 'Exit 1 if any considered ticket stays unclaimed')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;assign;explain' {
            [CompletionResult]::new('--strategy', '--strategy', [CompletionResultType]::ParameterName, 'Rank by this strategy [default: the ticket type''s, from config.toml]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;assign;rebalance' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would move and write nothing (any agent may)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;assign;help' {
            [CompletionResult]::new('auto', 'auto', [CompletionResultType]::ParameterValue, 'Assign unclaimed tickets (or one) to the best agents; leads and admins')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how a ticket was routed, and how it would be now: scores, who cannot take it')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Return (or reassign) the unstarted tickets of offline agents; leads and admins')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;assign;help;auto' {
            break
        }
        'desk;assign;help;explain' {
            break
        }
        'desk;assign;help;rebalance' {
            break
        }
        'desk;assign;help;help' {
            break
        }
        'desk;notify' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Route new events into messages and send the ones due (run it from cron)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List messages: waiting and failed by default (agents)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Send dead letters (or waiting messages) again at the next flush (agents)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;notify;flush' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Send at most N messages this run [default: `[notify] batch`, 100]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would be routed and sent; send nothing and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;notify;list' {
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Only messages waiting for an attempt (failed ones waiting to be retried included)')
            [CompletionResult]::new('--failed', '--failed', [CompletionResultType]::ParameterName, 'Only failures: dead letters (failed every attempt, given up) and messages still retrying (failed at least once, another attempt due)')
            [CompletionResult]::new('--delivered', '--delivered', [CompletionResultType]::ParameterName, 'Only delivered messages (kept for `[notify] keep_delivered`)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Everything: waiting, dead and delivered')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;notify;retry' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every dead letter')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;notify;help' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Route new events into messages and send the ones due (run it from cron)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List messages: waiting and failed by default (agents)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Send dead letters (or waiting messages) again at the next flush (agents)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;notify;help;flush' {
            break
        }
        'desk;notify;help;list' {
            break
        }
        'desk;notify;help;retry' {
            break
        }
        'desk;notify;help;help' {
            break
        }
        'desk;report' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Start of the period: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w) [default: 30 days before --until]')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'End of the period, included (a date runs through the end of that day) [default: now]')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Split the figures by ticket type, agent (the per-agent performance table: the assignee at close), requester tier, priority, requester, channel (cli, email, web…), day, ISO week, weekday, hour of day (weekday and hour add the workload heatmap), tag (a ticket counts in each of its tags) or department')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format [default: table, or what --output''s extension names: .json, .csv, .html] (the global --json means json)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'Time zone (IANA name, e.g. Asia/Shanghai) for days, weeks, weekdays, hours and the heatmap')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write the report to FILE instead of stdout (e.g. report.html)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write the report to FILE instead of stdout (e.g. report.html)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;archive' {
            [CompletionResult]::new('--closed-before', '--closed-before', [CompletionResultType]::ParameterName, 'Move tickets closed before this: an age (30d, 12h, 2w), a date (2026-01-31) or an RFC 3339 time [default: config.toml''s archive.after]')
            [CompletionResult]::new('--purge-before', '--purge-before', [CompletionResultType]::ParameterName, 'Delete archived tickets closed before this, for good (legal retention; admins). Asks first (or needs --yes without a terminal), then writes them to an export file')
            [CompletionResult]::new('--export', '--export', [CompletionResultType]::ParameterName, 'With --purge-before: the JSON Lines file to write the purged tickets to (must not exist) [default: <home>/purged/purge-<time>.jsonl, or purge-<time>-2.jsonl … when taken]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'With --purge-before: do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'With --purge-before: do not ask for confirmation')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show what would move (or be purged) without writing anything')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Counts and sizes of the hot store and the cold archive')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;archive;status' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;archive;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Counts and sizes of the hot store and the cold archive')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;archive;help;status' {
            break
        }
        'desk;archive;help;help' {
            break
        }
        'desk;doctor' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--repair', '--repair', [CompletionResultType]::ParameterName, 'Rebuild the derived data (indexes, archive locations, leftover files) from the records, and report what was fixed (admins)')
            [CompletionResult]::new('--migrate', '--migrate', [CompletionResultType]::ParameterName, 'Run the schema migrations a newer desk needs: the same as `desk migrate` (admins)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;migrate' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--check', '--check', [CompletionResultType]::ParameterName, 'Only say which steps are due, changing nothing (anyone): exit 0 when the store is at this desk''s schema, 5 when `desk migrate` has work to do')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;export' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only tickets created at or after WHEN: an RFC 3339 time, a date (2026-03-01) or an age (7d, 12h, 2w)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only tickets created before WHEN (a date means the end of that day)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only tickets in these states (comma-separated or repeated)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only tickets of this type (repeatable)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (FILE appears only once complete)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Write to FILE instead of stdout (FILE appears only once complete)')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--archived', '--archived', [CompletionResultType]::ParameterName, 'Include archived tickets (the default)')
            [CompletionResult]::new('--no-archived', '--no-archived', [CompletionResultType]::ParameterName, 'Only the hot store (open and recently closed tickets); the archive is not read')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;import' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Input format [default: csv for a *.csv file, else jsonl]')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'CSV: take TARGET from the column named COLUMN; TARGET is title, body, requester, priority, type, created_at or a template field (NAME or field.NAME). Columns named like a target are taken without a mapping (repeatable)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'CSV: the ticket type of rows that have no type column')
            [CompletionResult]::new('--id-column', '--id-column', [CompletionResultType]::ParameterName, 'CSV: the column that identifies a row in its source; a re-import skips rows whose id was imported before [default: a hash of the row''s mapped content]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check every record and report what would be written; write nothing')
            [CompletionResult]::new('--skip-invalid', '--skip-invalid', [CompletionResultType]::ParameterName, 'Write the valid records even when some fail (the failures are still listed, exit 5)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;backup' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;restore' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a home that already has tickets (what it holds now is lost)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;audit' {
            [CompletionResult]::new('--actor', '--actor', [CompletionResultType]::ParameterName, 'Only entries where this user acted, for real or as someone else')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries from this time on (RFC 3339, a date, or an age like 7d)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Only entries up to this time (inclusive)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most the newest N entries')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most the newest N entries')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--refused', '--refused', [CompletionResultType]::ParameterName, 'Only refused moves')
            [CompletionResult]::new('--impersonated', '--impersonated', [CompletionResultType]::ParameterName, 'Only commands run as another user (--as)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'The address and port to listen on')
            [CompletionResult]::new('--threads', '--threads', [CompletionResultType]::ParameterName, 'Requests handled at once')
            [CompletionResult]::new('--body-timeout', '--body-timeout', [CompletionResultType]::ParameterName, 'How long a client may take to send a request''s body; past it, 408 and the worker moves on')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'desk;token' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a token for `desk serve` and print its secret, once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every token: who it acts as, its scopes, and whether it still works')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Stop a token from working, from its next request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;token;create' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The desk user the token acts as (an agent or a requester on record)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'What it may do, comma-separated or repeated: ticket:new, ticket:read, ticket:write, report:read')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Only tickets of this type (filing and reading)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'Only tickets of this type (filing and reading)')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'How long it works: an age (90d, 12h, 2w), or `never`')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Its name in events and `token list` [default: the user''s name, or NAME-2, -3 …]')
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;token;list' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;token;revoke' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a token for `desk serve` and print its secret, once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every token: who it acts as, its scopes, and whether it still works')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Stop a token from working, from its next request')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;token;help;create' {
            break
        }
        'desk;token;help;list' {
            break
        }
        'desk;token;help;revoke' {
            break
        }
        'desk;token;help;help' {
            break
        }
        'desk;completions' {
            [CompletionResult]::new('--home', '--home', [CompletionResultType]::ParameterName, 'Desk home directory [default: $DESK_HOME, else $XDG_DATA_HOME/desk, else ~/.local/share/desk]')
            [CompletionResult]::new('--as', '--as', [CompletionResultType]::ParameterName, 'Act as another user: admins only, recorded in every event and in `desk audit` [default: $DESK_USER, else yourself, the OS account]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print stable JSON instead of tables')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-input', '--no-input', [CompletionResultType]::ParameterName, 'Never prompt; fail with exit 5 and list what is missing instead')
            [CompletionResult]::new('--no-pager', '--no-pager', [CompletionResultType]::ParameterName, 'Print long output (log, list, report) straight to the terminal, without $DESK_PAGER / $PAGER / less')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'desk;help' {
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Create the desk home: config, templates, store (safe to run again)')
            [CompletionResult]::new('ticket', 'ticket', [CompletionResultType]::ParameterValue, 'File, list, show and move tickets through their lifecycle')
            [CompletionResult]::new('template', 'template', [CompletionResultType]::ParameterValue, 'List, show and check ticket types (TOML templates)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the settings in effect; share config.toml with every host of a team store')
            [CompletionResult]::new('kb', 'kb', [CompletionResultType]::ParameterValue, 'Knowledge base (知识库): articles to answer with, searched and suggested')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Take in tickets from other channels (e-mail)')
            [CompletionResult]::new('agent', 'agent', [CompletionResultType]::ParameterValue, 'Manage agents: skills, capacity, role and status')
            [CompletionResult]::new('sla', 'sla', [CompletionResultType]::ParameterValue, 'SLA: warn on tickets at risk, record and escalate breaches (run from cron)')
            [CompletionResult]::new('requester', 'requester', [CompletionResultType]::ParameterValue, 'Manage requesters and their tiers')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Route tickets to agents by skills, load and quality, and explain why')
            [CompletionResult]::new('notify', 'notify', [CompletionResultType]::ParameterValue, 'Notifications: send what the outbox holds (from cron), list and retry failures')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'The desk''s figures over a period: volumes, backlog, response and resolution times, SLA, CSAT')
            [CompletionResult]::new('archive', 'archive', [CompletionResultType]::ParameterValue, 'Move old closed tickets to the cold archive now, show its figures, purge past retention')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check the store''s indexes, histories and archive; repair what is derived; migrate')
            [CompletionResult]::new('migrate', 'migrate', [CompletionResultType]::ParameterValue, 'Upgrade the store (and a team store''s tables) for this desk, or check what is due')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write tickets with their history, and people, as JSONL or CSV (leads and admins)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Read a `desk export` (JSONL) or a spreadsheet (CSV) into this home (admins)')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write a consistent, checksummed snapshot of the whole home while desk keeps running (leads and admins)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Bring a home back from a backup, after checking all of it (admins to replace a home)')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Who did what as whom: impersonated, privileged and refused commands (admins)')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the desk over HTTP: a JSON API for holders of an API token (`desk token`)')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'API tokens for `desk serve`: make one (its secret shown once), list, revoke (admins)')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'desk;help;init' {
            break
        }
        'desk;help;ticket' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'File a new ticket from a template')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a ticket with its fields and history (archived ones too)')
            [CompletionResult]::new('log', 'log', [CompletionResultType]::ParameterValue, 'Show a ticket''s history (流转记录)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List tickets, in queue order (priority, then age)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find tickets by words, hot and archived, best match first (full-text, BM25)')
            [CompletionResult]::new('claim', 'claim', [CompletionResultType]::ParameterValue, 'Take an unclaimed ticket: unclaimed → pending')
            [CompletionResult]::new('reply', 'reply', [CompletionResultType]::ParameterValue, 'Reply to the other side: the handler''s reply → awaiting; the requester''s → pending')
            [CompletionResult]::new('comment', 'comment', [CompletionResultType]::ParameterValue, 'Add an internal note for agents (no state change)')
            [CompletionResult]::new('confirm', 'confirm', [CompletionResultType]::ParameterValue, 'Accept the handler''s answer, as the requester: awaiting → closed')
            [CompletionResult]::new('close', 'close', [CompletionResultType]::ParameterValue, 'Close a ticket (admins; handlers of customer-workflow types after a reply)')
            [CompletionResult]::new('reopen', 'reopen', [CompletionResultType]::ParameterValue, 'Reopen a closed ticket, archived ones included: closed → pending')
            [CompletionResult]::new('transfer', 'transfer', [CompletionResultType]::ParameterValue, 'Hand a ticket to another agent (the handler, leads and admins)')
            [CompletionResult]::new('assign', 'assign', [CompletionResultType]::ParameterValue, 'Assign a ticket to an agent (leads and admins)')
            [CompletionResult]::new('rate', 'rate', [CompletionResultType]::ParameterValue, 'Rate the service of a closed ticket, as the requester (CSAT 1–5)')
            [CompletionResult]::new('priority', 'priority', [CompletionResultType]::ParameterValue, 'Change an open ticket''s priority (the handler, leads and admins); SLA targets follow')
            [CompletionResult]::new('tag', 'tag', [CompletionResultType]::ParameterValue, 'Add or remove tags: `+vpn` (or `vpn`) adds, `-vpn` removes (agents)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a ticket (我关注的): hear what its requester hears')
            [CompletionResult]::new('unwatch', 'unwatch', [CompletionResultType]::ParameterValue, 'Stop following a ticket')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Link two tickets: A relates to / blocks / is the parent of B (agents)')
            [CompletionResult]::new('unlink', 'unlink', [CompletionResultType]::ParameterValue, 'Remove the link between two tickets (agents)')
            [CompletionResult]::new('merge', 'merge', [CompletionResultType]::ParameterValue, 'Merge duplicates into one ticket: each SRC closes, pointing at DST (leads, admins, DST''s handler)')
            [CompletionResult]::new('split', 'split', [CompletionResultType]::ParameterValue, 'Make a reply or note of a ticket into a new ticket, linked to it (its handler, leads, admins)')
            break
        }
        'desk;help;ticket;new' {
            break
        }
        'desk;help;ticket;show' {
            break
        }
        'desk;help;ticket;log' {
            break
        }
        'desk;help;ticket;list' {
            break
        }
        'desk;help;ticket;search' {
            break
        }
        'desk;help;ticket;claim' {
            break
        }
        'desk;help;ticket;reply' {
            break
        }
        'desk;help;ticket;comment' {
            break
        }
        'desk;help;ticket;confirm' {
            break
        }
        'desk;help;ticket;close' {
            break
        }
        'desk;help;ticket;reopen' {
            break
        }
        'desk;help;ticket;transfer' {
            break
        }
        'desk;help;ticket;assign' {
            break
        }
        'desk;help;ticket;rate' {
            break
        }
        'desk;help;ticket;priority' {
            break
        }
        'desk;help;ticket;tag' {
            break
        }
        'desk;help;ticket;watch' {
            break
        }
        'desk;help;ticket;unwatch' {
            break
        }
        'desk;help;ticket;link' {
            break
        }
        'desk;help;ticket;unlink' {
            break
        }
        'desk;help;ticket;merge' {
            break
        }
        'desk;help;ticket;split' {
            break
        }
        'desk;help;template' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ticket types (broken templates are reported, not hidden)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a type''s settings and fields')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check template files (or all of the home''s) without touching the store')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Share this home''s templates with every host of the team store (admins)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the team store''s published types into this home''s templates/, to edit them')
            break
        }
        'desk;help;template;list' {
            break
        }
        'desk;help;template;show' {
            break
        }
        'desk;help;template;check' {
            break
        }
        'desk;help;template;publish' {
            break
        }
        'desk;help;template;pull' {
            break
        }
        'desk;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the settings this home works by, and where they come from')
            [CompletionResult]::new('publish', 'publish', [CompletionResultType]::ParameterValue, 'Share this home''s config.toml (all but [store]) with every host of the team store (admins)')
            [CompletionResult]::new('pull', 'pull', [CompletionResultType]::ParameterValue, 'Write the team store''s settings into this home''s config.toml, to edit them')
            break
        }
        'desk;help;config;show' {
            break
        }
        'desk;help;config;publish' {
            break
        }
        'desk;help;config;pull' {
            break
        }
        'desk;help;kb' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Write a new article (agents)')
            [CompletionResult]::new('edit', 'edit', [CompletionResultType]::ParameterValue, 'Change an article''s title, body, tags or types (its author, leads and admins)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show an article with its uses')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List articles, most used first')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Find articles by words, best match first')
            break
        }
        'desk;help;kb;add' {
            break
        }
        'desk;help;kb;edit' {
            break
        }
        'desk;help;kb;show' {
            break
        }
        'desk;help;kb;list' {
            break
        }
        'desk;help;kb;search' {
            break
        }
        'desk;help;ingest' {
            [CompletionResult]::new('email', 'email', [CompletionResultType]::ParameterValue, 'File an e-mail (RFC 5322) as a ticket, or as a reply on the ticket it answers')
            break
        }
        'desk;help;ingest;email' {
            break
        }
        'desk;help;agent' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an agent (admins)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List agents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one agent and their open tickets')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Set an agent''s status: online, offline or busy')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an agent''s skills, capacity or role (admins)')
            break
        }
        'desk;help;agent;add' {
            break
        }
        'desk;help;agent;list' {
            break
        }
        'desk;help;agent;show' {
            break
        }
        'desk;help;agent;status' {
            break
        }
        'desk;help;agent;set' {
            break
        }
        'desk;help;sla' {
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Warn on tickets at risk, record and escalate breaches, and list both (for cron)')
            break
        }
        'desk;help;sla;check' {
            break
        }
        'desk;help;requester' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add a requester with a tier (agents); `--tier` on an existing one changes it')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Change an existing requester''s tier (agents)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List requesters that have a record')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a requester''s tier, their usage of its rate limits, and their tickets')
            break
        }
        'desk;help;requester;add' {
            break
        }
        'desk;help;requester;set' {
            break
        }
        'desk;help;requester;list' {
            break
        }
        'desk;help;requester;show' {
            break
        }
        'desk;help;assign' {
            [CompletionResult]::new('auto', 'auto', [CompletionResultType]::ParameterValue, 'Assign unclaimed tickets (or one) to the best agents; leads and admins')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how a ticket was routed, and how it would be now: scores, who cannot take it')
            [CompletionResult]::new('rebalance', 'rebalance', [CompletionResultType]::ParameterValue, 'Return (or reassign) the unstarted tickets of offline agents; leads and admins')
            break
        }
        'desk;help;assign;auto' {
            break
        }
        'desk;help;assign;explain' {
            break
        }
        'desk;help;assign;rebalance' {
            break
        }
        'desk;help;notify' {
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Route new events into messages and send the ones due (run it from cron)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List messages: waiting and failed by default (agents)')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Send dead letters (or waiting messages) again at the next flush (agents)')
            break
        }
        'desk;help;notify;flush' {
            break
        }
        'desk;help;notify;list' {
            break
        }
        'desk;help;notify;retry' {
            break
        }
        'desk;help;report' {
            break
        }
        'desk;help;archive' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Counts and sizes of the hot store and the cold archive')
            break
        }
        'desk;help;archive;status' {
            break
        }
        'desk;help;doctor' {
            break
        }
        'desk;help;migrate' {
            break
        }
        'desk;help;export' {
            break
        }
        'desk;help;import' {
            break
        }
        'desk;help;backup' {
            break
        }
        'desk;help;restore' {
            break
        }
        'desk;help;audit' {
            break
        }
        'desk;help;serve' {
            break
        }
        'desk;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make a token for `desk serve` and print its secret, once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every token: who it acts as, its scopes, and whether it still works')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Stop a token from working, from its next request')
            break
        }
        'desk;help;token;create' {
            break
        }
        'desk;help;token;list' {
            break
        }
        'desk;help;token;revoke' {
            break
        }
        'desk;help;completions' {
            break
        }
        'desk;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
