#!/usr/bin/env bash
# Idempotent bootstrap of a real HashiCorp Vault for AiGateway.
#
# Safe to run again: existing mounts, auth methods and secrets are kept, policies and roles are
# (re)written to the state described here, and a secret_id file that already exists is left alone.
# Needs the `vault` CLI (1.12 or later) and `jq`. Run with --help for the options.
set -Eeuo pipefail
trap '((BASH_SUBSHELL > 0)) || printf "ERROR: bootstrap stopped at line %s: %s\n" "$LINENO" "$BASH_COMMAND" >&2' ERR

SCRIPT_DIR="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

# Fixed layout: the ACL policies in policies/vault/ and the gateway's defaults name these paths.
readonly KV_MOUNT="holysheepai"
readonly APPROLE_PATH="approle"
readonly K8S_PATH="kubernetes"
readonly GATEWAY_ROLE="aigateway"
readonly ROTATION_ROLE="aigateway-rotation"
readonly GATEWAY_POLICY="gateway"
readonly ROTATION_POLICY="key-rotation"
readonly GATEWAY_SA="ai-gateway"
readonly ROTATION_SA="ai-gateway-rotation"
readonly PLACEHOLDER_API_KEY="placeholder-replace-me"
readonly PLACEHOLDER_KEY_ID="placeholder"

# Options (defaults).
policies_dir="$SCRIPT_DIR/../../policies/vault"
max_versions=20
max_age_days=90
secret_id_ttl=0
rotation_secret_id_ttl=""
gateway_token_ttl="1h"
gateway_token_max_ttl="24h"
rotation_token_ttl="15m"
rotation_token_max_ttl="2h"
bound_cidrs=""
role_id_file=""
secret_id_file=""
rotation_role_id_file=""
rotation_secret_id_file=""
wrap_ttl=""
new_secret_id=false
print_secrets=false
enable_k8s=false
k8s_host="${KUBERNETES_HOST:-}"
k8s_ca_cert="${KUBERNETES_CA_CERT:-}"
k8s_reviewer_jwt="${KUBERNETES_TOKEN_REVIEWER_JWT:-}"
k8s_namespace="ai"
k8s_audience=""
seed=true
seeds=()
default_seeds=("rag-production=rag" "customer-service=customer-service" "analytics=analytics")

usage() {
  cat <<EOF
Usage: $(basename -- "$0") [options]

Idempotently prepares a Vault server for AiGateway:
  1. KV v2 secrets engine at '$KV_MOUNT/' (kept if present) with max_versions
  2. one ACL policy per policies/vault/*.hcl, named after the file (gateway.hcl -> gateway)
  3. AppRole at 'auth/$APPROLE_PATH': role '$GATEWAY_ROLE' (policy $GATEWAY_POLICY) and
     role '$ROTATION_ROLE' (policy $ROTATION_POLICY); prints both role_ids and, when asked,
     writes secret_ids to files
  4. with --kubernetes: Kubernetes auth at 'auth/$K8S_PATH' with roles '$GATEWAY_ROLE'
     (service account $GATEWAY_SA) and '$ROTATION_ROLE' (service account $ROTATION_SA)
  5. placeholder secrets at $KV_MOUNT/creds/<service>, only where none exists (check-and-set 0),
     with custom metadata owner=<team> and max_age_days

Environment:
  VAULT_ADDR        Vault address (required), e.g. https://vault.internal:8200
  VAULT_TOKEN       token allowed to manage mounts, auth methods, policies and the KV mount
                    (or a token saved by 'vault login')
  VAULT_NAMESPACE   Vault Enterprise namespace (optional); everything is created inside it
  VAULT_CACERT      CA bundle for Vault's TLS certificate (optional; read by the vault CLI)
  KUBERNETES_HOST, KUBERNETES_CA_CERT, KUBERNETES_TOKEN_REVIEWER_JWT
                    defaults for --k8s-host, --k8s-ca-cert, --k8s-reviewer-jwt

Options:
  --policies-dir DIR          ACL policy files (default: policies/vault of this repository)
  --max-versions N            versions kept per secret on '$KV_MOUNT' (default $max_versions)
  --max-age-days N            max_age_days custom metadata of seeded secrets (default $max_age_days)
  --secret-id-ttl DURATION    lifetime of '$GATEWAY_ROLE' secret_ids; 0 = no expiry (default $secret_id_ttl)
  --rotation-secret-id-ttl DURATION
                              lifetime of '$ROTATION_ROLE' secret_ids (default: --secret-id-ttl)
  --rotation-token-ttl DURATION      (default $rotation_token_ttl)
  --rotation-token-max-ttl DURATION  (default $rotation_token_max_ttl)
  --bound-cidrs LIST          comma-separated CIDRs allowed to log in with the AppRoles and to use
                              their tokens (secret_id_bound_cidrs + token_bound_cidrs)
  --role-id-file PATH         also write the '$GATEWAY_ROLE' role_id to PATH
  --secret-id-file PATH       write a new '$GATEWAY_ROLE' secret_id to PATH (mode 0600), unless
                              PATH already holds one
  --rotation-role-id-file PATH, --rotation-secret-id-file PATH
                              the same for '$ROTATION_ROLE'
  --wrap-ttl DURATION         write response-wrapping tokens (unwrap with 'vault unwrap') instead of
                              plain secret_ids; the gateway and the agent example need plain ones
  --new-secret-id             issue a new secret_id even when the file already holds one (the old
                              one stays valid until you destroy it; see README.md)
  --print-secrets             also print generated secret_ids to stdout (never done otherwise)
  --kubernetes                configure Kubernetes auth (needs --k8s-host)
  --k8s-host URL              Kubernetes API server URL, e.g. https://10.0.0.1:443
  --k8s-ca-cert FILE          PEM CA of the API server (omit when Vault runs in the cluster)
  --k8s-reviewer-jwt FILE     JWT allowed to call the TokenReview API (omit to use the client's JWT
                              or, in-cluster, Vault's own service account)
  --k8s-namespace NS          namespace of the service accounts (default $k8s_namespace)
  --k8s-audience AUD          audience the service-account JWTs must carry (optional)
  --seed SERVICE=OWNER        seed creds/SERVICE owned by OWNER instead of the defaults (repeatable;
                              defaults: ${default_seeds[*]})
  --no-seed                   do not seed creds/*
  -h, --help                  show this help

Examples:
  VAULT_ADDR=https://vault.internal:8200 VAULT_TOKEN=... $(basename -- "$0") \\
      --role-id-file /etc/aigateway/vault/role-id --secret-id-file /etc/aigateway/vault/secret-id
  $(basename -- "$0") --kubernetes --k8s-host https://kubernetes.default.svc:443 --no-seed
EOF
}

say() { printf '%s\n' "$*"; }
step() { printf '\n==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

parse_args() {
  while (($# > 0)); do
    local arg=$1 value="" inline=false
    if [[ $arg == --*=* ]]; then
      value=${arg#*=}
      arg=${arg%%=*}
      inline=true
    fi
    case $arg in
      -h | --help | --new-secret-id | --print-secrets | --kubernetes | --no-seed)
        [[ $inline == false ]] || die "$arg takes no value"
        case $arg in
          -h | --help) usage; exit 0 ;;
          --new-secret-id) new_secret_id=true ;;
          --print-secrets) print_secrets=true ;;
          --kubernetes) enable_k8s=true ;;
          --no-seed) seed=false ;;
        esac
        shift
        continue
        ;;
    esac
    case $arg in
      --policies-dir | --max-versions | --max-age-days | --secret-id-ttl | --rotation-secret-id-ttl | \
        --rotation-token-ttl | --rotation-token-max-ttl | --bound-cidrs | --role-id-file | \
        --secret-id-file | --rotation-role-id-file | --rotation-secret-id-file | --wrap-ttl | \
        --k8s-host | --k8s-ca-cert | --k8s-reviewer-jwt | --k8s-namespace | --k8s-audience | --seed) ;;
      *) die "unknown option '$arg' (see --help)" ;;
    esac
    if [[ $inline == false ]]; then
      value=${2-}
      [[ -n $value && $value != -* ]] || die "$arg needs a value (see --help)"
      shift
    fi
    [[ -n $value ]] || die "$arg needs a value (see --help)"
    case $arg in
      --policies-dir) policies_dir=$value ;;
      --max-versions) max_versions=$value ;;
      --max-age-days) max_age_days=$value ;;
      --secret-id-ttl) secret_id_ttl=$value ;;
      --rotation-secret-id-ttl) rotation_secret_id_ttl=$value ;;
      --rotation-token-ttl) rotation_token_ttl=$value ;;
      --rotation-token-max-ttl) rotation_token_max_ttl=$value ;;
      --bound-cidrs) bound_cidrs=$value ;;
      --role-id-file) role_id_file=$value ;;
      --secret-id-file) secret_id_file=$value ;;
      --rotation-role-id-file) rotation_role_id_file=$value ;;
      --rotation-secret-id-file) rotation_secret_id_file=$value ;;
      --wrap-ttl) wrap_ttl=$value ;;
      --k8s-host) k8s_host=$value ;;
      --k8s-ca-cert) k8s_ca_cert=$value ;;
      --k8s-reviewer-jwt) k8s_reviewer_jwt=$value ;;
      --k8s-namespace) k8s_namespace=$value ;;
      --k8s-audience) k8s_audience=$value ;;
      --seed) seeds+=("$value") ;;
      *) die "unknown option '$arg'" ;;
    esac
    shift
  done
}

is_duration() { [[ $1 =~ ^[0-9]+(ms|s|m|h)?([0-9]+(ms|s|m|h))*$ ]]; }

validate_args() {
  [[ $max_versions =~ ^[0-9]+$ ]] || die "--max-versions must be a whole number (0 = Vault's default of 10)"
  [[ $max_age_days =~ ^[1-9][0-9]*$ ]] || die "--max-age-days must be a positive whole number"
  rotation_secret_id_ttl=${rotation_secret_id_ttl:-$secret_id_ttl}
  local name value
  for name in secret_id_ttl rotation_secret_id_ttl rotation_token_ttl rotation_token_max_ttl; do
    value=${!name}
    is_duration "$value" || die "--${name//_/-} '$value' is not a duration such as 0, 90s, 15m, 24h or 720h"
  done
  if [[ -n $wrap_ttl ]]; then
    is_duration "$wrap_ttl" || die "--wrap-ttl '$wrap_ttl' is not a duration such as 10m"
  fi
  if [[ -n $bound_cidrs && ! $bound_cidrs =~ ^[0-9a-fA-F:./,]+$ ]]; then
    die "--bound-cidrs must be a comma-separated CIDR list such as 10.0.0.0/8,192.168.1.0/24"
  fi
  if ((${#seeds[@]} == 0)); then
    seeds=("${default_seeds[@]}")
  fi
  local entry
  for entry in "${seeds[@]}"; do
    [[ $entry =~ ^[a-z0-9][a-z0-9._-]*=[A-Za-z0-9][A-Za-z0-9._@-]*$ ]] \
      || die "--seed '$entry' must look like SERVICE=OWNER, e.g. rag-production=rag"
  done
  if [[ $enable_k8s == true ]]; then
    [[ -n $k8s_host ]] || die "--kubernetes needs --k8s-host (or KUBERNETES_HOST), e.g. https://10.0.0.1:443"
    [[ -z $k8s_ca_cert || -r $k8s_ca_cert ]] || die "--k8s-ca-cert '$k8s_ca_cert' is not a readable file"
    [[ -z $k8s_reviewer_jwt || -r $k8s_reviewer_jwt ]] || die "--k8s-reviewer-jwt '$k8s_reviewer_jwt' is not a readable file"
    [[ $k8s_namespace =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]] || die "--k8s-namespace '$k8s_namespace' is not a Kubernetes namespace name"
  fi
}

preflight() {
  command -v vault >/dev/null 2>&1 || die "the 'vault' CLI is not on PATH (https://developer.hashicorp.com/vault/install)"
  command -v jq >/dev/null 2>&1 || die "'jq' is not on PATH (apt-get install jq)"
  [[ -n ${VAULT_ADDR:-} ]] || die "VAULT_ADDR is not set, e.g. export VAULT_ADDR=https://vault.internal:8200"

  [[ -d $policies_dir ]] || die "policy folder '$policies_dir' not found (use --policies-dir)"
  policies_dir=$(cd -- "$policies_dir" && pwd)
  local required
  for required in "$GATEWAY_POLICY" "$ROTATION_POLICY"; do
    [[ -f $policies_dir/$required.hcl ]] || die "'$policies_dir/$required.hcl' is missing; the AppRole and Kubernetes roles need it"
  done

  step "Checking Vault at $VAULT_ADDR${VAULT_NAMESPACE:+ (namespace $VAULT_NAMESPACE)}"
  local status rc=0
  status=$(vault status -format=json 2>&1) || rc=$?
  case $rc in
    0) ;;
    2) die "Vault is sealed; unseal it ('vault operator unseal') and run this again" ;;
    *) die "cannot reach Vault at $VAULT_ADDR: $status" ;;
  esac
  say "Vault $(jq -r '.version // "?"' <<<"$status"), unsealed"

  local lookup
  lookup=$(vault token lookup -format=json 2>&1) \
    || die "the Vault token is missing or invalid (set VAULT_TOKEN or run 'vault login'): $lookup"
  say "using token '$(jq -r '.data.display_name // "?"' <<<"$lookup")' with policies $(jq -r '(.data.policies // []) | join(",")' <<<"$lookup")"
}

# Retries a command a few times: a KV v2 mount that was just enabled can refuse requests for a moment.
retry() {
  local attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if "$@"; then return 0; fi
    ((attempt < 10)) || return 1
    warn "retrying in 2 s: $*"
    sleep 2
  done
}

setup_kv() {
  step "KV v2 secrets engine at $KV_MOUNT/"
  local mounts type version
  mounts=$(vault secrets list -format=json)
  type=$(jq -r --arg m "$KV_MOUNT/" '.[$m].type // empty' <<<"$mounts")
  if [[ -z $type ]]; then
    vault secrets enable -path="$KV_MOUNT" -version=2 -description="AiGateway upstream API keys" kv
  elif [[ $type != kv ]]; then
    die "'$KV_MOUNT/' is already a '$type' secrets engine; AiGateway needs KV version 2 there"
  else
    version=$(jq -r --arg m "$KV_MOUNT/" '.[$m].options.version // "1"' <<<"$mounts")
    if [[ $version != 2 ]]; then
      die "'$KV_MOUNT/' is KV version $version; upgrade it with 'vault kv enable-versioning $KV_MOUNT' (the mount is briefly unavailable) and run this again"
    fi
    say "already enabled (KV version 2)"
  fi
  retry vault write "$KV_MOUNT/config" max_versions="$max_versions" >/dev/null
  say "max_versions=$max_versions"
}

write_policies() {
  step "ACL policies from $policies_dir"
  local file name count=0
  for file in "$policies_dir"/*.hcl; do
    [[ -e $file ]] || continue
    name=$(basename -- "$file" .hcl)
    [[ $name =~ ^[a-z0-9][a-z0-9_-]*$ ]] || die "policy file '$file': use a lower-case name of letters, digits, '-' and '_'"
    vault policy write "$name" "$file" >/dev/null
    say "policy '$name' written"
    count=$((count + 1))
  done
  say "$count policies written"
}

# Enables an auth method at PATH unless it is already there; refuses a different type at that path.
enable_auth() {
  local type=$1 path=$2 existing
  existing=$(vault auth list -format=json | jq -r --arg p "$path/" '.[$p].type // empty')
  if [[ -z $existing ]]; then
    vault auth enable -path="$path" "$type"
  elif [[ $existing != "$type" ]]; then
    die "auth/$path/ is already a '$existing' auth method, not '$type'"
  else
    say "auth/$path/ already enabled"
  fi
}

# Writes FILE atomically with mode 0600 and no trailing newline (the value never reaches argv).
write_private_file() {
  local path=$1 value=$2 dir tmp
  dir=$(dirname -- "$path")
  mkdir -p -- "$dir"
  tmp=$(mktemp "$dir/.$(basename -- "$path").XXXXXX")
  chmod 600 "$tmp"
  printf '%s' "$value" >"$tmp"
  mv -f -- "$tmp" "$path"
}

write_approle_role() {
  local role=$1 policy=$2 ttl=$3 max_ttl=$4 sid_ttl=$5
  local args=(
    "token_policies=$policy"
    "token_ttl=$ttl"
    "token_max_ttl=$max_ttl"
    "token_type=service"
    "bind_secret_id=true"
    "secret_id_ttl=$sid_ttl"
    "secret_id_num_uses=0"
  )
  if [[ -n $bound_cidrs ]]; then
    args+=("secret_id_bound_cidrs=$bound_cidrs" "token_bound_cidrs=$bound_cidrs")
  fi
  vault write "auth/$APPROLE_PATH/role/$role" "${args[@]}" >/dev/null
  say "role '$role': policies=$policy token_ttl=$ttl token_max_ttl=$max_ttl secret_id_ttl=$sid_ttl secret_id_num_uses=0"
}

publish_role_id() {
  local role=$1 file=$2 role_id
  role_id=$(vault read -field=role_id "auth/$APPROLE_PATH/role/$role/role-id")
  say "role_id ($role): $role_id"
  if [[ -n $file ]]; then
    write_private_file "$file" "$role_id"
    say "role_id ($role) written to $file"
  fi
}

issue_secret_id() {
  local role=$1 file=$2 option=$3 response value accessor=""
  if [[ -z $file && $print_secrets != true ]]; then
    say "secret_id ($role): not issued (give $option PATH, or --print-secrets)"
    return
  fi
  if [[ -n $file && -s $file && $new_secret_id != true ]]; then
    say "secret_id ($role): $file already exists; kept (use --new-secret-id to issue another)"
    return
  fi
  if [[ -n $wrap_ttl ]]; then
    value=$(vault write -wrap-ttl="$wrap_ttl" -f -field=wrapping_token "auth/$APPROLE_PATH/role/$role/secret-id")
  else
    response=$(vault write -f -format=json "auth/$APPROLE_PATH/role/$role/secret-id")
    # printf is a builtin: the secret goes through a pipe, never argv or a temporary file.
    value=$(printf '%s' "$response" | jq -r '.data.secret_id')
    accessor=$(printf '%s' "$response" | jq -r '.data.secret_id_accessor')
  fi
  [[ -n $value && $value != null ]] || die "Vault returned no secret_id for role '$role'"
  local what="secret_id ($role)"
  [[ -z $wrap_ttl ]] || what="wrapped secret_id ($role, wrapping token TTL $wrap_ttl)"
  if [[ -n $file ]]; then
    write_private_file "$file" "$value"
    say "$what written to $file${accessor:+ (secret_id_accessor $accessor)}"
  else
    say "$what issued${accessor:+ (secret_id_accessor $accessor)}"
  fi
  if [[ $print_secrets == true ]]; then
    say "$what: $value"
  fi
}

setup_approle() {
  step "AppRole auth at auth/$APPROLE_PATH/"
  enable_auth approle "$APPROLE_PATH"
  write_approle_role "$GATEWAY_ROLE" "$GATEWAY_POLICY" "$gateway_token_ttl" "$gateway_token_max_ttl" "$secret_id_ttl"
  write_approle_role "$ROTATION_ROLE" "$ROTATION_POLICY" "$rotation_token_ttl" "$rotation_token_max_ttl" "$rotation_secret_id_ttl"
  publish_role_id "$GATEWAY_ROLE" "$role_id_file"
  publish_role_id "$ROTATION_ROLE" "$rotation_role_id_file"
  issue_secret_id "$GATEWAY_ROLE" "$secret_id_file" --secret-id-file
  issue_secret_id "$ROTATION_ROLE" "$rotation_secret_id_file" --rotation-secret-id-file
  if [[ $secret_id_ttl == 0 || $rotation_secret_id_ttl == 0 ]]; then
    say "note: secret_ids without expiry (secret_id_ttl=0); prefer a TTL plus a re-issue routine (see README.md)"
  fi
}

setup_kubernetes() {
  step "Kubernetes auth at auth/$K8S_PATH/"
  enable_auth kubernetes "$K8S_PATH"
  local config=("kubernetes_host=$k8s_host")
  [[ -z $k8s_ca_cert ]] || config+=("kubernetes_ca_cert=@$k8s_ca_cert")
  [[ -z $k8s_reviewer_jwt ]] || config+=("token_reviewer_jwt=@$k8s_reviewer_jwt")
  vault write "auth/$K8S_PATH/config" "${config[@]}" >/dev/null
  say "config: kubernetes_host=$k8s_host${k8s_ca_cert:+ kubernetes_ca_cert=<$k8s_ca_cert>}${k8s_reviewer_jwt:+ token_reviewer_jwt=<$k8s_reviewer_jwt>}"

  local role sa policy ttl max_ttl
  for role in "$GATEWAY_ROLE" "$ROTATION_ROLE"; do
    if [[ $role == "$GATEWAY_ROLE" ]]; then
      sa=$GATEWAY_SA policy=$GATEWAY_POLICY ttl=$gateway_token_ttl max_ttl=$gateway_token_max_ttl
    else
      sa=$ROTATION_SA policy=$ROTATION_POLICY ttl=$rotation_token_ttl max_ttl=$rotation_token_max_ttl
    fi
    local args=(
      "bound_service_account_names=$sa"
      "bound_service_account_namespaces=$k8s_namespace"
      "token_policies=$policy"
      "token_ttl=$ttl"
      "token_max_ttl=$max_ttl"
      "token_type=service"
    )
    [[ -z $k8s_audience ]] || args+=("audience=$k8s_audience")
    vault write "auth/$K8S_PATH/role/$role" "${args[@]}" >/dev/null
    say "role '$role': service account $k8s_namespace/$sa, policies=$policy token_ttl=$ttl token_max_ttl=$max_ttl"
  done
}

# Creates creds/SERVICE with placeholder values only if it does not exist (check-and-set 0). For an
# existing secret only the missing owner/max_age_days metadata is added; nothing else is touched.
seed_secret() {
  local owner=$2 path="creds/$1" errors rc=0
  errors=$(vault kv put -mount="$KV_MOUNT" -cas=0 "$path" \
    api_key="$PLACEHOLDER_API_KEY" key_id="$PLACEHOLDER_KEY_ID" 2>&1 >/dev/null) || rc=$?
  if ((rc == 0)); then
    vault kv metadata put -mount="$KV_MOUNT" \
      -custom-metadata="owner=$owner" -custom-metadata="max_age_days=$max_age_days" "$path" >/dev/null
    say "$KV_MOUNT/$path: created with placeholder values (owner=$owner, max_age_days=$max_age_days)"
    return
  fi
  if [[ $errors != *"check-and-set parameter did not match the current version"* ]]; then
    die "could not seed $KV_MOUNT/$path: $errors"
  fi

  local metadata patch=()
  metadata=$(vault kv metadata get -mount="$KV_MOUNT" -format=json "$path")
  jq -e '.data.custom_metadata.owner // empty' <<<"$metadata" >/dev/null \
    || patch+=(-custom-metadata="owner=$owner")
  jq -e '.data.custom_metadata.max_age_days // empty' <<<"$metadata" >/dev/null \
    || patch+=(-custom-metadata="max_age_days=$max_age_days")
  if ((${#patch[@]} > 0)); then
    vault kv metadata patch -mount="$KV_MOUNT" "${patch[@]}" "$path" >/dev/null
    say "$KV_MOUNT/$path: exists; kept, added missing metadata ${patch[*]#-custom-metadata=}"
  else
    say "$KV_MOUNT/$path: exists; kept"
  fi
}

seed_creds() {
  step "Example secrets under $KV_MOUNT/creds/"
  local entry
  for entry in "${seeds[@]}"; do
    seed_secret "${entry%%=*}" "${entry#*=}"
  done
}

summary() {
  step "Done"
  cat <<EOF
Next steps (details in deploy/vault/README.md):
  - put the real upstream key in each placeholder secret (api_key=- reads it from stdin), e.g.
      read -rs API_KEY; printf '%s' "\$API_KEY" | vault kv put -mount=$KV_MOUNT -cas=1 \\
        creds/rag-production api_key=- key_id=<provider key id>; unset API_KEY
  - configure the gateway: Keys:Provider=Vault, Vault:Address=$VAULT_ADDR${VAULT_NAMESPACE:+, Vault:Namespace=$VAULT_NAMESPACE},
    Vault:Auth:Method=AppRole with Vault:Auth:RoleIdFile / Vault:Auth:SecretIdFile
  - check least privilege with 'vault token capabilities' (README.md, "Verify least privilege")
EOF
}

main() {
  parse_args "$@"
  validate_args
  preflight
  setup_kv
  write_policies
  setup_approle
  if [[ $enable_k8s == true ]]; then
    setup_kubernetes
  fi
  if [[ $seed == true ]]; then
    seed_creds
  fi
  summary
}

main "$@"
