# Policy: key-rotation
# Used by: the key-rotation tool (gateway's second executable: `rotate <service>`, `rotate --due`).
# Why: it writes each new provider key with check-and-set, records rotation metadata and an audit
# record, and lists the creds to find keys that are due. Least privilege: it can never delete,
# destroy or undelete versions (a bad rotation is fixed by writing a new version, and the history
# stays for the audit), and it has no access outside holysheepai/creds and holysheepai/audit.

# Write new key versions (create for a first key, update with cas for the next ones) and read back.
path "holysheepai/data/creds/*" {
  capabilities = ["create", "read", "update"]
}

# Read and update rotation metadata (custom_metadata such as rotated_at), and list keys to find due ones.
path "holysheepai/metadata/creds/*" {
  capabilities = ["read", "update", "list"]
}

# Rotation audit records: holysheepai/audit/<anything>, written once per rotation.
# (No "list" here: KV v2 lists only through metadata/.)
path "holysheepai/data/audit/*" {
  capabilities = ["create", "read", "update"]
}

path "holysheepai/metadata/audit/*" {
  capabilities = ["create", "read", "update", "list"]
}
