# Policy: gateway-admin
# Used by: the administrators of the gateway's secrets (humans, through `vault login` with an
# admin auth method, or break-glass automation).
# Why: they manage everything in the gateway's KV mount (keys, audit records, version history), the
# ACL policies in this folder, and the gateway's AppRole roles. Least privilege: nothing else under
# sys/ (no mounts, no auth methods, no seal, no audit devices) and no other secrets engines.

# Everything in the gateway's KV v2 mount: data, metadata, delete/undelete/destroy, config.
path "holysheepai/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

# The ACL policies (these .hcl files) as installed in Vault.
path "sys/policies/acl/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

# The gateway's AppRole roles: role ids, secret ids, token TTLs.
path "auth/approle/role/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}
