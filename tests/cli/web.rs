//! The requesters' web page (`desk serve`, `/web`) in a real headless Chromium: sign in
//! with an e-mailed link, file a ticket through the form generated from its template, see
//! the agent's reply (and not their internal note), confirm and rate; another requester
//! sees none of it.

use serde_json::Value;

use crate::browser::Browser;
use crate::common::TestEnv;
use crate::serve::Served;

/// A desk whose sign-in links go through an exec sink that appends each message to
/// `mail.jsonl` in the test directory, with requesters carol and frank.
fn web_desk() -> TestEnv {
    let env = TestEnv::with_examples();
    add_mail_sink(&env);
    for (name, address) in [("carol", "carol@example.com"), ("frank", "frank@example.com")] {
        env.ok("admin", &["requester", "add", name]);
        env.ok(
            "admin",
            &["requester", "set", name, "--contact", &format!("mail={address}")],
        );
    }
    env
}

/// Give `env`'s config.toml an exec sink `mail` that appends each message to
/// `mail.jsonl` in the test directory, and make it the web page's sign-in sink.
pub(crate) fn add_mail_sink(env: &TestEnv) -> std::path::PathBuf {
    let mail = env.path().join("mail.jsonl");
    let config = env.home().join("config.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str(&format!(
        "\n[[notify.sinks]]\nname = \"mail\"\nkind = \"exec\"\ncommand = [\"/bin/sh\", \"-c\", \"cat >> '{}'; echo >> '{}'\"]\n\n[web]\nsink = \"mail\"\n",
        mail.display(),
        mail.display()
    ));
    std::fs::write(&config, text).unwrap();
    mail
}

/// The last sign-in link mailed to `address`.
fn mailed_link(env: &TestEnv, address: &str) -> String {
    let mail = std::fs::read_to_string(env.path().join("mail.jsonl")).expect("a message was sent");
    mail.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .rfind(|message| message["address"] == address)
        .and_then(|message| message["link"].as_str().map(str::to_string))
        .expect("a link for this address")
}

fn sign_in(browser: &mut Browser, env: &TestEnv, served: &Served, address: &str) {
    browser.goto(&format!("{}/web/tickets", served.base));
    assert!(browser.url().ends_with("/web/sign-in"), "{}", browser.url());
    browser.submit("form", &[("who", address)]);
    assert!(
        browser.text().contains("a sign-in link is on its way"),
        "{}",
        browser.text()
    );
    browser.goto(&mailed_link(env, address));
    browser.submit("form", &[]);
    assert!(browser.url().ends_with("/web/tickets"), "{}", browser.url());
}

#[test]
fn a_requester_files_follows_confirms_and_rates_in_a_browser_and_nobody_else_sees_it() {
    let env = web_desk();
    let served = Served::start(&env, None);
    let mut browser = Browser::start();

    // No session: the sign-in page; a link mailed through the sink signs in.
    sign_in(&mut browser, &env, &served, "carol@example.com");
    assert!(
        browser.text().contains("Signed in as carol"),
        "{}",
        browser.text()
    );

    // The form is the template's: required title, the order field's pattern, its choices.
    browser.goto(&format!("{}/web/new/customer-complaint", served.base));
    assert_eq!(
        browser.eval("document.querySelector('form').checkValidity()"),
        false,
        "the title is required"
    );
    assert_eq!(
        browser.eval("document.querySelector('[name=\"field.contact\"]').options.length"),
        5
    );
    assert_eq!(
        browser.eval("document.querySelector('[name=\"field.order\"]').getAttribute('pattern')"),
        "[A-Z0-9-]{4,32}"
    );
    // The server checks again what the browser let through.
    browser.submit(
        "form",
        &[
            ("title", "Charged twice"),
            ("body", "My card was charged twice."),
            ("field.order", "AB-1234"),
        ],
    );
    let url = browser.url();
    let id: u64 = url
        .rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{url}: {}", browser.text()));
    let filed = env.show(id);
    assert_eq!(
        (
            filed["requester"].as_str(),
            filed["channel"].as_str(),
            filed["fields"]["order"].as_str()
        ),
        (Some("carol"), Some("web"), Some("AB-1234"))
    );
    assert!(browser.text().contains("unclaimed"), "{}", browser.text());

    // The agent answers on the command line; the page shows the reply, never the note.
    env.ok("bob", &["ticket", "claim", &id.to_string()]);
    env.ok(
        "bob",
        &[
            "ticket",
            "comment",
            &id.to_string(),
            "-m",
            "internal: check for fraud",
        ],
    );
    env.ok(
        "bob",
        &[
            "ticket",
            "reply",
            &id.to_string(),
            "-m",
            "We refunded the second charge.",
        ],
    );
    browser.goto(&url);
    let page = browser.text();
    assert!(
        page.contains("We refunded the second charge.") && page.contains("awaiting"),
        "{page}"
    );
    assert!(
        !page.contains("check for fraud"),
        "internal notes stay internal: {page}"
    );

    // Confirm, then rate.
    browser.submit("form[action$='/confirm']", &[]);
    assert!(browser.text().contains("closed"), "{}", browser.text());
    browser.submit("#rate", &[("score", "5"), ("message", "Quick, thanks")]);
    assert!(
        browser.text().contains("You rated the service 5/5"),
        "{}",
        browser.text()
    );
    let closed = env.show(id);
    assert_eq!(
        (closed["status"].as_str(), closed["rating"].as_u64()),
        (Some("closed"), Some(5))
    );
    let kinds: Vec<(String, String)> = env
        .events(id)
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["actor"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(kinds.contains(&("confirmed".into(), "carol".into())), "{kinds:?}");
    assert!(kinds.contains(&("rated".into(), "carol".into())), "{kinds:?}");

    // Another requester, in the same browser after signing out, sees none of it.
    browser.submit("header form", &[]);
    sign_in(&mut browser, &env, &served, "frank@example.com");
    assert!(!browser.text().contains("Charged twice"), "{}", browser.text());
    browser.goto(&url);
    assert!(browser.text().contains("permission denied"), "{}", browser.text());
    assert!(!browser.text().contains("refunded"), "{}", browser.text());

    // A used link does not sign in again.
    browser.goto(&mailed_link(&env, "carol@example.com"));
    browser.submit("form", &[]);
    assert!(
        browser.text().contains("This link no longer works"),
        "{}",
        browser.text()
    );
}

#[test]
fn forms_without_the_sessions_csrf_token_or_from_another_origin_change_nothing() {
    let env = web_desk();
    let served = Served::start(&env, None);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let post = |path: &str, cookie: Option<&str>, origin: Option<&str>, form: &str| {
        let mut request = agent
            .post(&format!("{}{path}", served.base))
            .header("Content-Type", "application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            request = request.header("Cookie", &format!("desk_session={cookie}"));
        }
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        let response = request.send(form).unwrap();
        let cookie = response
            .headers()
            .get("Set-Cookie")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        (response.status().as_u16(), cookie)
    };
    // Unknown people get the same answer as known ones.
    assert_eq!(
        post("/web/sign-in", None, None, "who=nobody%40example.com").0,
        200
    );
    assert!(!env.path().join("mail.jsonl").exists(), "no mail for nobody");
    assert_eq!(post("/web/sign-in", None, None, "who=carol%40example.com").0, 200);
    let link = mailed_link(&env, "carol@example.com");
    let path = link
        .split_once("/web/")
        .map(|(_, p)| format!("/web/{p}"))
        .unwrap();
    let (status, cookie) = post(&path, None, None, "");
    assert_eq!(status, 303);
    let cookie = cookie.expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let session = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("desk_session=")
        .to_string();

    let before = env.all_tickets().len();
    let form = "title=x&body=y";
    assert_eq!(
        post("/web/new/customer-complaint", Some(&session), None, form).0,
        403,
        "no CSRF token"
    );
    assert_eq!(
        post(
            "/web/new/customer-complaint",
            Some(&session),
            None,
            &format!("{form}&csrf=desk_forged")
        )
        .0,
        403
    );
    assert_eq!(
        post(
            "/web/new/customer-complaint",
            Some(&session),
            Some("https://evil.example"),
            form
        )
        .0,
        403,
        "another origin"
    );
    assert_eq!(
        post("/web/new/customer-complaint", None, None, form).0,
        303,
        "no session: to sign-in"
    );
    assert_eq!(env.all_tickets().len(), before, "nothing was filed");

    // Sign-in links are rate-limited per address.
    for _ in 0..4 {
        post("/web/sign-in", None, None, "who=carol%40example.com");
    }
    assert_eq!(post("/web/sign-in", None, None, "who=carol%40example.com").0, 429);
}
