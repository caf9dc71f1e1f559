"""Authentication: OpenID Connect login, server-side sessions, CSRF, API-client bearer tokens."""
