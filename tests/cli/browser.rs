//! A headless Chromium driven over the DevTools protocol, for tests of the web page: open
//! a page, run a line of JavaScript in it (to fill a form and send it as a person would),
//! wait for the next page to load.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub(crate) struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub(crate) fn start() -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(crate::report::chromium())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--remote-debugging-port=0",
                "--remote-allow-origins=*",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .env("HOME", profile.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/…"
        let stderr = BufReader::new(child.stderr.take().unwrap());
        let mut port = None;
        for line in stderr.lines() {
            let line = line.unwrap();
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                port = rest.split('/').next().map(str::to_string);
                break;
            }
        }
        let port = port.expect("chromium says where DevTools listen");
        let targets = ureq::get(&format!("http://127.0.0.1:{port}/json/list"))
            .call()
            .unwrap()
            .body_mut()
            .read_to_string()
            .unwrap();
        let targets: Value = serde_json::from_str(&targets).unwrap();
        let page = targets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .expect("a page target");
        let (socket, _) = tungstenite::connect(page["webSocketDebuggerUrl"].as_str().unwrap()).unwrap();
        let mut browser = Browser {
            child,
            socket,
            next_id: 1,
            _profile: profile,
        };
        browser.call("Page.enable", json!({}));
        browser
    }

    /// Send a DevTools command and wait for its answer; whether a page finished loading
    /// meanwhile.
    fn call_watching_loads(&mut self, method: &str, params: Value) -> (Value, bool) {
        let id = self.next_id;
        self.next_id += 1;
        let request = json!({"id": id, "method": method, "params": params}).to_string();
        self.socket.send(Message::text(request)).unwrap();
        let mut loaded = false;
        loop {
            let message = self.socket.read().unwrap();
            let Message::Text(text) = message else { continue };
            let value: Value = serde_json::from_str(text.as_str()).unwrap();
            if value["method"] == "Page.loadEventFired" {
                loaded = true;
            }
            if value["id"] == id {
                assert!(value.get("error").is_none(), "{method}: {value}");
                return (value["result"].clone(), loaded);
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.call_watching_loads(method, params).0
    }

    fn wait_for_load(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(Instant::now() < deadline, "the page did not load");
            let message = self.socket.read().unwrap();
            if let Message::Text(text) = message {
                let value: Value = serde_json::from_str(text.as_str()).unwrap();
                if value["method"] == "Page.loadEventFired" {
                    return;
                }
            }
        }
    }

    pub(crate) fn goto(&mut self, url: &str) {
        let (_, loaded) = self.call_watching_loads("Page.navigate", json!({"url": url}));
        if !loaded {
            self.wait_for_load();
        }
    }

    /// The value of a JavaScript expression in the page.
    pub(crate) fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {result}");
        result["result"]["value"].clone()
    }

    /// Run `expression` (one that sends a form or follows a link) and wait for the page
    /// it leads to.
    pub(crate) fn navigate_by(&mut self, expression: &str) {
        let (_, loaded) = self.call_watching_loads(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        );
        if !loaded {
            self.wait_for_load();
        }
    }

    /// Fill the form that `selector` finds, field by field, and send it as its button
    /// would (`requestSubmit` checks required fields and patterns as a click does).
    pub(crate) fn submit(&mut self, selector: &str, fields: &[(&str, &str)]) {
        let mut script = format!(
            "(() => {{ const f = document.querySelector({}); ",
            json!(selector)
        );
        for (name, value) in fields {
            script.push_str(&format!("f.elements[{}].value = {}; ", json!(name), json!(value)));
        }
        script.push_str("f.requestSubmit(); })()");
        self.navigate_by(&script);
    }

    pub(crate) fn text(&mut self) -> String {
        self.eval("document.body.innerText")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    pub(crate) fn url(&mut self) -> String {
        self.eval("location.href")
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
