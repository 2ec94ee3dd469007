using AiGateway.Spend;
using FsCheck;
using FsCheck.Xunit;

namespace AiGateway.UnitTests.Spend;

public sealed class VelocityWindowTests
{
    private const long T0 = 1_741_946_400; // a whole 5 s bucket

    [Theory]
    [InlineData(10, 2)]
    [InlineData(11, 3)]
    [InlineData(30, 6)]
    [InlineData(300, 60)]
    [InlineData(86_400, 17_280)]
    public void BucketsBack_CoversTheWholeWindow(int windowSeconds, long buckets)
    {
        Assert.Equal(buckets, VelocityWindow.BucketsBack(windowSeconds));
    }

    [Fact]
    public void Sum_CountsTheCurrentBucketAndTheWindowBeforeIt()
    {
        var window = new VelocityWindow();
        window.Add(T0 - 36, 1); // bucket b-8: outside a 30 s window seen from b
        window.Add(T0 - 30, 10); // bucket b-6: the oldest counted
        window.Add(T0 - 1, 100);
        window.Add(T0, 1000);
        window.Add(T0 + 4, 10_000); // same bucket as T0
        window.Add(T0 + 5, 100_000); // the future: not counted

        Assert.Equal(11_110, window.Sum(T0, 30));
        Assert.Equal(11_110, window.Sum(T0 + 4, 30));
        Assert.Equal(111_100, window.Sum(T0 + 5, 30));
        Assert.Equal(11_100, window.Sum(T0, 10)); // b-2..b: 100 + 1000 + 10_000
        Assert.Equal(0, new VelocityWindow().Sum(T0, 30));
    }

    [Fact]
    public void Sum_IsTheSameWhetherFewOrManyBucketsAreKept()
    {
        // Few buckets: the sum walks the dictionary; many: it walks the window. Both must agree.
        var sparse = new VelocityWindow();
        var dense = new VelocityWindow();
        for (var s = 0; s < 400; s += 5)
        {
            dense.Add(T0 - s, 1);
        }
        sparse.Add(T0 - 60, 1);
        sparse.Add(T0 - 65, 1);

        Assert.Equal(13, dense.Sum(T0, 60)); // b-12..b
        Assert.Equal(1, sparse.Sum(T0, 60));
        Assert.Equal(2, sparse.Sum(T0, 61));
    }

    [Fact]
    public void Add_ManyBuckets_PrunesOnlyWhatNoWindowCanSee()
    {
        var window = new VelocityWindow();
        var start = T0 - (3L * 86_400);
        for (var s = start; s <= T0; s += 5)
        {
            window.Add(s, 1);
        }

        Assert.Equal(VelocityWindow.BucketsBack(86_400) + 1, window.Sum(T0, 86_400));
        Assert.Equal(13, window.Sum(T0, 60));
    }

    [Property(MaxTest = 200)]
    public void Sum_NeverLooserThanTheExactWindow_AndAtMostOneBucketStricter(PositiveInt[] offsets, byte windowChoice, byte nowOffset)
    {
        int[] windows = [10, 15, 30, 60, 300];
        var windowSeconds = windows[windowChoice % windows.Length];
        var now = T0 + nowOffset % 5;
        var window = new VelocityWindow();
        var spends = offsets.Take(50).Select(o => now - o.Get % 400).ToList();
        foreach (var at in spends)
        {
            window.Add(at, 1);
        }

        var sum = window.Sum(now, windowSeconds);

        Assert.True(sum >= spends.Count(at => at > now - windowSeconds), "looser than the exact window");
        Assert.True(sum <= spends.Count(at => at > now - windowSeconds - VelocityWindow.BucketSeconds), "stricter by more than one bucket");
    }
}

public sealed class SpendCalendarTests
{
    [Theory]
    [InlineData("2025-03-31T23:59:59.999Z", "2025-03")]
    [InlineData("2025-04-01T00:00:00.000Z", "2025-04")]
    [InlineData("2024-12-31T23:59:59.999Z", "2024-12")]
    [InlineData("2025-01-01T00:00:00.000Z", "2025-01")]
    [InlineData("2024-02-29T12:00:00.000Z", "2024-02")]
    [InlineData("1970-01-01T00:00:00.000Z", "1970-01")]
    public void MonthOf_UtcCalendarMonth(string utc, string month)
    {
        Assert.Equal(month, SpendCalendar.MonthOf(SpendTestData.Ms(utc)));
        Assert.Equal(month, LedgerRecord.MonthOf(SpendTestData.Ms(utc)));
    }

    [Fact]
    public void MonthOf_AlternatingMonths_NeverAnswersFromTheWrongCache()
    {
        var march = SpendTestData.Ms("2025-03-31T23:59:59.999Z");
        var april = SpendTestData.Ms("2025-04-01T00:00:00Z");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("2025-03", SpendCalendar.MonthOf(march));
            Assert.Equal("2025-04", SpendCalendar.MonthOf(april));
            Assert.Equal("2025-03", SpendCalendar.MonthOf(march - 1));
        }
    }

    [Fact]
    public async Task MonthOf_FromManyThreads_AlwaysRight()
    {
        var times = Enumerable.Range(0, 24).Select(m => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(m)).ToArray();

        var wrong = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            var errors = 0;
            for (var i = 0; i < 20_000; i++)
            {
                var at = times[(i + t) % times.Length];
                var ms = at.ToUnixTimeMilliseconds() + (i % 2 == 0 ? 0 : -1);
                var expected = DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
                errors += SpendCalendar.MonthOf(ms) == expected ? 0 : 1;
            }
            return errors;
        })));

        Assert.All(wrong, w => Assert.Equal(0, w));
    }

}

public sealed class LedgerRecordTests
{
    [Fact]
    public void LedgerRecord_DayAndMonth_AreUtc()
    {
        var record = SpendTestData.Record("rag", 1, timeMs: SpendTestData.Ms("2025-03-31T23:59:59.999Z"));

        Assert.Equal(new DateOnly(2025, 3, 31), record.Day);
        Assert.Equal("2025-03", record.Month);
        Assert.Equal(new DateOnly(2025, 4, 1), (record with { TimeMs = record.TimeMs + 1 }).Day);
    }

    [Fact]
    public void LedgerRecord_Json_CamelCaseWithoutDayOrMonth_RoundTrips()
    {
        var record = SpendTestData.Record("rag", 8910, requestId: "req_1");

        var json = System.Text.Json.JsonSerializer.Serialize(record, LedgerJsonContext.Default.LedgerRecord);
        var back = System.Text.Json.JsonSerializer.Deserialize(json, LedgerJsonContext.Default.LedgerRecord);

        Assert.Equal(record, back);
        Assert.Contains("\"requestId\":\"req_1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"costMicros\":8910", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"day\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"month\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestIds_New_SortableUniqueAndWellFormed()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => RequestIds.New()).ToList();

        Assert.All(ids, id =>
        {
            Assert.Equal(RequestIds.Length, id.Length);
            Assert.StartsWith(RequestIds.Prefix, id, StringComparison.Ordinal);
            Assert.Matches("^req_[0-9a-f]{28}$", id);
        });
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var ms = long.Parse(ids[0].AsSpan(4, 12), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ms, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }
}
