# Policy: engineers-rag
# Used by: engineers of the RAG team (human logins).
# Why: they need to see WHICH RAG keys exist and when they were rotated (to debug a key change), but
# must never see a key itself: the keys stay inside the gateway. Least privilege: read the metadata
# of creds/rag-* only, list the creds folder, and an explicit deny on all key data, so no other
# policy attached to the same engineer can grant it by accident.

# Rotation metadata (versions, times, custom_metadata) of the RAG keys only.
path "holysheepai/metadata/creds/rag-*" {
  capabilities = ["read"]
}

# The names in the creds folder (LIST holysheepai/metadata/creds/).
path "holysheepai/metadata/creds/" {
  capabilities = ["list"]
}

# Never the secret data, whatever else is attached.
path "holysheepai/data/creds/*" {
  capabilities = ["deny"]
}
