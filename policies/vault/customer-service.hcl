# Policy: customer-service
# Used by: the customer-service application when it reads its own upstream key directly (outside the
# gateway, e.g. a batch job authorised to call the provider itself).
# Why: it may read exactly one secret, its own key. Least privilege: no metadata, no list, no other
# service's key, no writes.

path "holysheepai/data/creds/customer-service" {
  capabilities = ["read"]
}
