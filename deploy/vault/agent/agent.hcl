# Vault Agent for AiGateway (example): logs in with the `aigateway` AppRole and renders the gateway's
# upstream key file. Run it next to the gateway:
#
#   vault agent -config=/etc/vault-agent/agent.hcl
#
# and start the gateway with Keys:Provider=File and Keys:File=/run/aigateway/upstream-keys.json.
# The gateway reloads that file whenever the agent rewrites it. See README.md in this folder.
#
# Vault Enterprise namespace: start the agent with VAULT_NAMESPACE=<namespace> in its environment.

pid_file = "/run/vault-agent/agent.pid"

vault {
  address = "https://vault.internal:8200"
  # ca_cert = "/etc/vault-agent/vault-ca.pem"   # when Vault's certificate is not from a public CA
}

auto_auth {
  method "approle" {
    mount_path = "auth/approle"
    config = {
      # Written by deploy/vault/bootstrap.sh (--role-id-file, --secret-id-file). Mode 0600, owned by
      # the agent's user.
      role_id_file_path   = "/etc/vault-agent/role-id"
      secret_id_file_path = "/etc/vault-agent/secret-id"
      # Keep the file: the agent logs in again from it when its token reaches token_max_ttl (24h).
      # A plain secret_id is needed for that; a one-time wrapping token would be spent at first login.
      remove_secret_id_file_after_reading = false
    }
  }

  # The agent's own token (policy `gateway`, read-only). Also usable by the gateway with
  # Vault:Auth:Method=Token and Vault:Auth:TokenFile=/run/vault-agent/token, if you prefer the
  # gateway's built-in Vault client but want the agent to handle login.
  sink "file" {
    config = {
      path = "/run/vault-agent/token"
    }
  }
}

template_config {
  # KV v2 secrets are not leased, so the agent re-reads them on this timer (default 5m). Keep the
  # rotation tool's grace period well above it (see README.md).
  static_secret_render_interval = "30s"
  # Give up (and exit, for systemd/Kubernetes to restart) after the retries are spent, instead of
  # silently keeping an old file forever. The last rendered file stays in place meanwhile.
  exit_on_retry_failure = true
}

# One JSON file for the gateway: {"creds/<service>": {"api_key": "...", "key_id": "..."}, ...}.
# Add one `with secret` block per team key (the `upstreamKey` of each policies/teams/*.json).
# toJSON emits a quoted, escaped JSON string. A secret without api_key stops the render
# (error_on_missing_key) and the last good file stays; key_id is optional and renders as null.
template {
  destination          = "/run/aigateway/upstream-keys.json"
  perms                = "0640"
  error_on_missing_key = true
  contents             = <<EOT
{
{{- with secret "holysheepai/data/creds/rag-production" }}
  "creds/rag-production": {"api_key": {{ .Data.data.api_key | toJSON }}, "key_id": {{ index .Data.data "key_id" | toJSON }}},
{{- end }}
{{- with secret "holysheepai/data/creds/customer-service" }}
  "creds/customer-service": {"api_key": {{ .Data.data.api_key | toJSON }}, "key_id": {{ index .Data.data "key_id" | toJSON }}},
{{- end }}
{{- with secret "holysheepai/data/creds/analytics" }}
  "creds/analytics": {"api_key": {{ .Data.data.api_key | toJSON }}, "key_id": {{ index .Data.data "key_id" | toJSON }}}
{{- end }}
}
EOT
}
