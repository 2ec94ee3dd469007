namespace AiGateway.KeyRotation.Cli;

/// <summary>The <c>--help</c> text.</summary>
internal static class UsageText
{
    public const string Text = """
        AiGateway key rotation: replaces a team's upstream API key in Vault (holysheepai/creds/<service>).

        Usage:
          rotate <service>        rotate one service (rag-production or creds/rag-production)
          rotate --due            rotate every service whose key is older than its max_age_days
          status                  table of services, key ids, ages and due dates (never key values)

        Options:
          --dry-run               show what would happen; create, write and revoke nothing
          --grace-seconds N       wait N s between the Vault write and revoking the old key
                                  (default Rotation:GraceSeconds = 180)
          --json                  one JSON document on stdout instead of readable lines
          --Section:Key=value     any setting, e.g. --Vault:Address=https://vault:8200
          -h, --help              this text

        Settings (appsettings.json beside the tool, environment variables such as Vault__Address, or --Section:Key=value):
          Vault:Address, Vault:Auth:* (AppRole of 'aigateway-rotation'), Vault:Mount (holysheepai)
          Provider:BaseUrl (https://api.holysheep.ai/v1), Provider:AdminKeyFile or Provider:AdminKey
          Rotation:GraceSeconds (180), Rotation:DefaultMaxAgeDays (90), Rotation:Actor (OS user)

        Exit codes:
          0  done (or dry run, or nothing due)
          1  usage or configuration error; nothing touched
          2  rotation failed; nothing left over, the old key is still in service
          3  partial: the new key is in service but something needs a human (old key still live,
             or metadata/audit not written); the output says exactly what
        """;
}
