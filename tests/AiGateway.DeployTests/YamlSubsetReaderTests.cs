using AiGateway.DeployTests.Support;

namespace AiGateway.DeployTests;

public sealed class YamlSubsetReaderTests
{
    [Fact]
    public void Parse_RuleFileShapes_ReadsMappingsSequencesAndScalars()
    {
        const string Yaml = """
            # comment
            groups:
              - name: g   # trailing comment
                rules:
                  - record: a:b:c
                    expr: sum by (team) (x{y="z"})
                  - alert: A
                    expr: |
                      x > 1
                      and y
                    labels:
                      severity: 'crit''ical'
                    annotations:
                      summary: "say \"hi\" {{ $labels.team }}"
                      runbook: >-
                        one
                        two

                        three
                    empty: []
            """;

        var root = YamlNodes.Map(YamlSubsetReader.Parse(Yaml), "root");

        var group = YamlNodes.Map(YamlNodes.List(root["groups"], "groups")[0], "g");
        Assert.Equal("g", group["name"]);
        var rules = YamlNodes.List(group["rules"], "rules");
        var record = YamlNodes.Map(rules[0], "r0");
        Assert.Equal("a:b:c", record["record"]);
        Assert.Equal("sum by (team) (x{y=\"z\"})", record["expr"]);
        var alert = YamlNodes.Map(rules[1], "r1");
        Assert.Equal("x > 1\nand y\n", alert["expr"]);
        Assert.Equal("crit'ical", YamlNodes.StringMap(alert, "labels", "r1")["severity"]);
        var annotations = YamlNodes.StringMap(alert, "annotations", "r1");
        Assert.Equal("say \"hi\" {{ $labels.team }}", annotations["summary"]);
        Assert.Equal("one two\nthree", annotations["runbook"]);
        Assert.Empty(YamlNodes.List(alert["empty"], "empty"));
    }

    [Theory]
    [InlineData("a: &x 1")]
    [InlineData("a: [1, 2]")]
    [InlineData("a: 'unterminated")]
    [InlineData("a: 1\na: 2")]
    [InlineData("a:\n  b: 1\n c: 2")]
    public void Parse_UnsupportedOrInvalid_Throws(string yaml)
    {
        Assert.Throws<FormatException>(() => YamlSubsetReader.Parse(yaml));
    }
}
