namespace AiGateway.UnitTests.Limits.Estimation;

/// <summary>
/// The two examples of the OpenAI cookbook "How to count tokens with tiktoken" (sections 6 and 7), whose counts the
/// notebook checked against the API's <c>usage.prompt_tokens</c>.
/// </summary>
internal static class CookbookExamples
{
    /// <summary>Section 6: 129 tokens on gpt-3.5-turbo/gpt-4, 124 on gpt-4o/gpt-4o-mini.</summary>
    public const string SixMessages = """
        {"model":"gpt-4o","messages":[
          {"role":"system","content":"You are a helpful, pattern-following assistant that translates corporate jargon into plain English."},
          {"role":"system","name":"example_user","content":"New synergies will help drive top-line growth."},
          {"role":"system","name":"example_assistant","content":"Things working well together will increase revenue."},
          {"role":"system","name":"example_user","content":"Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage."},
          {"role":"system","name":"example_assistant","content":"Let's talk later when we're less busy about how to do better."},
          {"role":"user","content":"This late pivot means we don't have time to boil the ocean for the client deliverable."}
        ],"temperature":0,"max_tokens":1}
        """;

    /// <summary>Section 7: 105 tokens on gpt-3.5-turbo/gpt-4, 101 on gpt-4o/gpt-4o-mini.</summary>
    public const string WeatherTool = """
        {"model":"gpt-4o","messages":[
          {"role":"system","content":"You are a helpful assistant that can answer to questions about the weather."},
          {"role":"user","content":"What's the weather like in San Francisco?"}
        ],
        "tools":[{"type":"function","function":{
          "name":"get_current_weather",
          "description":"Get the current weather in a given location",
          "parameters":{"type":"object","properties":{
            "location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},
            "unit":{"type":"string","description":"The unit of temperature to return","enum":["celsius","fahrenheit"]}
          },"required":["location"]}}}],
        "temperature":0}
        """;
}
