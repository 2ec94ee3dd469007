# Policy: devops-admin
# Used by: the DevOps administrators who operate Vault for the gateway (human logins).
# Why: they run the platform side: the gateway's KV mount, auth methods and their roles, ACL policies,
# and the secrets engines and auth methods mounted. Least privilege: nothing else under sys/ (no seal,
# no raw storage, no audit devices, no key rotation of Vault's own keyring, no replication).

# Everything in the gateway's KV v2 mount.
path "holysheepai/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

# Auth methods' own APIs (AppRole and Kubernetes roles, the token store). sudo: some token-store
# paths (create-orphan, accessors) are root-protected.
path "auth/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list", "sudo"]
}

# ACL (and other) policies.
path "sys/policies/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

# Secrets engines: list them (sys/mounts) and enable, tune or disable one (sys/mounts/<path>).
path "sys/mounts" {
  capabilities = ["read"]
}

path "sys/mounts/*" {
  capabilities = ["create", "read", "update", "patch", "delete", "list"]
}

# Auth methods: list them (sys/auth) and enable or disable one (sys/auth/<path>, which Vault
# root-protects, hence sudo).
path "sys/auth" {
  capabilities = ["read"]
}

path "sys/auth/*" {
  capabilities = ["create", "read", "update", "delete", "list", "sudo"]
}
