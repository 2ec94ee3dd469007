# Policy: gateway
# Used by: the AI gateway itself (its AppRole or Kubernetes role "gateway").
# Why: the gateway only needs to READ the upstream provider keys it swaps in for callers, and their
# metadata to see rotation dates and versions. Least privilege: no list (it knows each key's path from
# the team policies), no create/update/delete, no rotation audit records, nothing under sys/.
# A leaked gateway token can read keys, but can never change, enumerate or destroy them.

# Upstream keys: holysheepai/creds/<service>, fields api_key and key_id (KV v2, read by version).
path "holysheepai/data/creds/*" {
  capabilities = ["read"]
}

# Rotation metadata of those keys (current_version, created/updated times, custom_metadata).
path "holysheepai/metadata/creds/*" {
  capabilities = ["read"]
}
