namespace AiGateway.UpstreamSimulator;

/// <summary>
/// The catalogue of errors the simulator returns. Messages copy the texts OpenAI is observed to send
/// (WIRE-FACTS B.4) so that SDK error handling and gateway error mapping see realistic bodies.
/// </summary>
internal static class OpenAiErrors
{
    private const string InvalidRequest = "invalid_request_error";

    public static OpenAiError MissingApiKey() => new(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username. You can obtain an API key from https://platform.openai.com/account/api-keys.",
        InvalidRequest);

    public static OpenAiError IncorrectApiKey(string key) => new(
        401,
        $"Incorrect API key provided: {KeyRedaction.Mask(key)}. You can find your API key at https://platform.openai.com/account/api-keys.",
        InvalidRequest,
        Code: "invalid_api_key");

    public static OpenAiError MalformedJson() => new(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        InvalidRequest);

    public static OpenAiError MissingModel() => new(400, "you must provide a model parameter", InvalidRequest);

    public static OpenAiError MissingParameter(string param) =>
        new(400, $"Missing required parameter: '{param}'.", InvalidRequest, param, "missing_required_parameter");

    public static OpenAiError InvalidType(string param, string expected) =>
        new(400, $"Invalid type for '{param}': expected {expected}.", InvalidRequest, param, "invalid_type");

    public static OpenAiError EmptyArray(string param) =>
        new(400, $"Invalid '{param}': empty array. Expected an array with minimum length 1, but got an empty array instead.", InvalidRequest, param, "empty_array");

    public static OpenAiError OutOfRange(string param, long min, long max, long actual) =>
        new(400, $"Invalid '{param}': expected a value between {min} and {max}, but got {actual} instead.", InvalidRequest, param, "integer_out_of_range");

    public static OpenAiError InvalidValue(string param, string message) =>
        new(400, message, InvalidRequest, param, "invalid_value");

    public static OpenAiError StreamOptionsWithoutStream() =>
        new(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", InvalidRequest, "stream_options");

    public static OpenAiError ModelNotFound(string model) =>
        new(404, $"The model `{model}` does not exist or you do not have access to it.", InvalidRequest, Code: "model_not_found");

    public static OpenAiError KeyNotFound(string id) =>
        new(404, $"No API key found with id '{id}'.", InvalidRequest, "id", "not_found");

    public static OpenAiError InvalidUrl(string method, string path) =>
        new(404, $"Invalid URL ({method} {path})", InvalidRequest);

    public static OpenAiError InvalidSimulatorHeader(string header, string value) =>
        new(400, $"Invalid simulator header {header}: '{value}'. Expected a non-negative integer.", InvalidRequest, header, "invalid_value");
}
