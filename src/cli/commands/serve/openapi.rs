//! The API's OpenAPI description, served at `/api/v1/openapi.json`. It is written by
//! hand in `docs/openapi.json` (people read it too); a test checks that it lists exactly
//! the endpoints [`super::api::ENDPOINTS`] routes, with their scopes, and that answers
//! carry what it promises.

pub const OPENAPI_JSON: &str = include_str!("../../../../docs/openapi.json");

pub fn document() -> String {
    OPENAPI_JSON.to_string()
}
