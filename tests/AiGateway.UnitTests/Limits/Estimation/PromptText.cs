using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>The kinds of text the generated corpus mixes.</summary>
public enum TextKind
{
    Prose,
    Code,
    Json,
    Cjk,
    Emoji,
}

/// <summary>
/// Seeded generator of prompt text: English prose, C# and Python code, JSON, Chinese/Japanese/Korean prose and
/// emoji-heavy chat. Prose is built from sentence pools plus invented words, numbers and identifiers, so that the
/// tokenizer's word cache sees misses as it would on real traffic.
/// </summary>
public sealed class PromptText
{
    private static readonly string[] EnglishSentences =
    [
        "The quarterly report shows that revenue grew by twelve percent, driven mostly by the new subscription tier.",
        "Please summarize the following document in three bullet points, keeping the original terminology.",
        "You are a helpful assistant that answers questions about our internal deployment process.",
        "If the customer has already requested a refund, do not offer a discount; escalate the ticket instead.",
        "Our data retention policy requires that logs containing personal information are deleted after thirty days.",
        "The migration failed because the database schema still referenced a column that had been renamed.",
        "Can you explain why the service returns a 429 status code when the traffic is well below the documented limit?",
        "In 1969, the Apollo 11 mission landed the first humans on the Moon, an event watched by millions.",
        "Photosynthesis converts light energy into chemical energy, storing it in the bonds of glucose molecules.",
        "Remember to rotate the credentials before the end of the month, otherwise the integration will stop working.",
        "The committee's recommendation, published last week, was met with cautious optimism by most stakeholders.",
        "She couldn't find the file anywhere, so she rebuilt the spreadsheet from the raw invoices.",
        "Answer only with facts that appear in the context below; if the answer is not there, say you don't know.",
        "Latency at the 99th percentile rose from 180 ms to 420 ms after the cache was disabled.",
        "The contract renews automatically unless either party gives written notice at least sixty days in advance.",
        "Translate the following paragraph into formal German, preserving the product names exactly as written.",
        "Rainfall in the northern valleys was heavier than expected, and several roads remain closed.",
        "Each team is allowed a fixed budget of tokens per minute, shared by all of its applications.",
        "What are the trade-offs between optimistic and pessimistic concurrency control in a distributed ledger?",
        "The onboarding checklist includes security training, a laptop setup session, and a meeting with your mentor.",
        "Hypothetically, if the interest rate rose by half a point, how would the monthly payment change?",
        "Refactor this function so that it no longer allocates on every call, and add a unit test for the empty case.",
        "Unfortunately, the shipment was delayed at customs; we expect it to arrive by Thursday, March 14.",
        "The novel follows two siblings who inherit a bankrupt vineyard and try to save it over one turbulent summer.",
        "Make sure the response is valid JSON with the fields \"title\", \"summary\" and \"tags\".",
        "It's worth noting that the previous estimate didn't account for seasonal demand.",
        "The API rejected the request: \"Invalid value for 'temperature': expected a number between 0 and 2.\"",
        "Write a short, friendly reply thanking the user and asking for the order number.",
        "Quantum error correction encodes one logical qubit into many physical ones to tolerate noise.",
        "Our on-call engineer acknowledged the alert at 03:12 UTC and mitigated the incident within forty minutes.",
    ];

    private static readonly string[] CjkSentences =
    [
        "请根据以下内容总结三条要点，并保持原有术语不变。",
        "该服务在流量远低于限制时仍然返回429错误，请帮我分析原因。",
        "我们的数据保留政策要求在三十天后删除包含个人信息的日志。",
        "由于数据库结构仍引用已重命名的列，迁移失败了。",
        "北部山谷的降雨量比预期的要大，几条道路仍然封闭。",
        "每个团队每分钟都有固定的令牌预算，由其所有应用共享。",
        "如果客户已经申请退款，请不要提供折扣，而是升级工单。",
        "这部小说讲述了两兄妹继承了一座破产的葡萄园，并努力在一个动荡的夏天挽救它。",
        "以下の文書を三つの箇条書きで要約してください。",
        "キャッシュを無効にした後、99パーセンタイルの遅延が180ミリ秒から420ミリ秒に増えました。",
        "契約は、どちらかの当事者が少なくとも六十日前に書面で通知しない限り、自動的に更新されます。",
        "新しい機能について、ユーザー向けの簡単な説明を書いてください。",
        "다음 문서를 세 가지 요점으로 요약해 주세요.",
        "고객이 이미 환불을 요청했다면 할인을 제공하지 말고 티켓을 에스컬레이션하세요.",
        "배포 후 오류율이 증가했으므로 이전 버전으로 롤백했습니다.",
    ];

    private static readonly string[] CodeSnippets =
    [
        "public sealed class {0}Service\n{{\n    private readonly ILogger<{0}Service> _logger;\n\n    public async Task<int> {1}Async(string id, CancellationToken ct)\n    {{\n        ArgumentNullException.ThrowIfNull(id);\n        var result = await _repository.FindAsync(id, ct);\n        return result?.Count ?? 0;\n    }}\n}}\n",
        "def {1}(items, threshold={2}):\n    \"\"\"Return the items whose score is above the threshold.\"\"\"\n    result = []\n    for item in items:\n        if item.score > threshold:\n            result.append(item)\n    return sorted(result, key=lambda x: x.score, reverse=True)\n",
        "for (var i = 0; i < {2}; i++)\n{{\n    if (buffer[i] == '\\n')\n    {{\n        lines++;\n    }}\n}}\n",
        "SELECT u.id, u.name, COUNT(o.id) AS orders\nFROM users u\nLEFT JOIN orders o ON o.user_id = u.id\nWHERE u.created_at > '2024-01-01'\nGROUP BY u.id, u.name\nHAVING COUNT(o.id) > {2};\n",
        "const {1} = async (req, res) => {{\n  const {{ id }} = req.params;\n  const row = await db.query('SELECT * FROM {0} WHERE id = $1', [id]);\n  res.json(row ?? {{ error: 'not found' }});\n}};\n",
        "if err != nil {{\n\treturn fmt.Errorf(\"{1}: %w\", err)\n}}\ndefer resp.Body.Close()\n",
    ];

    private static readonly string[] Emoji =
    [
        "😀", "😂", "🙏", "👍", "🎉", "🔥", "❤️", "✅", "🚀", "🤔", "😅", "👀", "💡", "📈", "☕", "🌧️", "🇩🇪", "👩‍💻",
    ];

    private static readonly string[] EmojiWords = ["great", "thanks", "lol", "see", "you", "soon", "ok", "done", "wow", "ship", "it", "love", "this"];

    private static readonly string[] Syllables = ["ka", "zor", "ven", "tri", "lum", "ost", "qua", "rex", "dil", "mon", "sef", "yar", "bel", "nix"];

    private readonly Random _random;

    public PromptText(int seed) => _random = new Random(seed);

    public Random Random => _random;

    public string Next(TextKind kind, int approximateChars) => kind switch
    {
        TextKind.Prose => Prose(approximateChars),
        TextKind.Code => Code(approximateChars),
        TextKind.Json => Json(approximateChars),
        TextKind.Cjk => Cjk(approximateChars),
        _ => EmojiChat(approximateChars),
    };

    public string Prose(int approximateChars)
    {
        var text = new StringBuilder();
        while (text.Length < approximateChars)
        {
            var sentence = EnglishSentences[_random.Next(EnglishSentences.Length)];
            var roll = _random.Next(10);
            if (roll == 0)
            {
                // An invented word, an id or a figure: what makes real prompts miss the tokenizer's cache.
                sentence = $"{sentence[..^1]} ({InventedWord()}-{_random.Next(100, 99999)}).";
            }
            else if (roll == 1)
            {
                sentence = $"{sentence[..^1]}, reference {_random.NextInt64():x16}{_random.Next():x8}.";
            }

            text.Append(sentence);
            text.Append(_random.Next(6) == 0 ? "\n\n" : " ");
        }

        return text.ToString().TrimEnd();
    }

    public string Code(int approximateChars)
    {
        var text = new StringBuilder();
        while (text.Length < approximateChars)
        {
            var name = InventedWord();
            var pascal = char.ToUpperInvariant(name[0]) + name[1..];
            text.AppendFormat(CultureInfo.InvariantCulture, CodeSnippets[_random.Next(CodeSnippets.Length)], pascal, "compute" + pascal, _random.Next(1, 500));
            text.Append('\n');
        }

        return text.ToString();
    }

    public string Json(int approximateChars)
    {
        var items = new List<Dictionary<string, object>>();
        var length = 0;
        while (length < approximateChars)
        {
            var item = new Dictionary<string, object>
            {
                ["id"] = _random.Next(1, 1_000_000),
                ["sku"] = $"{InventedWord().ToUpperInvariant()}-{_random.Next(1000, 9999)}",
                ["price"] = Math.Round(_random.NextDouble() * 500, 2),
                ["in_stock"] = _random.Next(2) == 0,
                ["tags"] = new[] { InventedWord(), InventedWord() },
                ["updated"] = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(_random.Next(500_000)).ToString("O", CultureInfo.InvariantCulture),
            };
            items.Add(item);
            length += 150;
        }

        return JsonSerializer.Serialize(items, PromptCorpus.Indented);
    }

    public string Cjk(int approximateChars)
    {
        var text = new StringBuilder();
        while (text.Length < approximateChars / 2)
        {
            text.Append(CjkSentences[_random.Next(CjkSentences.Length)]);
            if (_random.Next(8) == 0)
            {
                text.Append(" API v2 ");
            }
        }

        return text.ToString();
    }

    public string EmojiChat(int approximateChars)
    {
        var text = new StringBuilder();
        while (text.Length < approximateChars)
        {
            text.Append(_random.Next(3) == 0 ? Emoji[_random.Next(Emoji.Length)] : EmojiWords[_random.Next(EmojiWords.Length)]);
            text.Append(' ');
        }

        return text.ToString().TrimEnd();
    }

    private string InventedWord()
    {
        var parts = _random.Next(2, 4);
        var word = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            word.Append(Syllables[_random.Next(Syllables.Length)]);
        }

        return word.ToString();
    }
}
