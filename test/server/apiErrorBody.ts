// Error bodies exactly as the Messages API sends them:
//   {"type":"error","error":{"type":"rate_limit_error","message":"..."},"request_id":"req_..."}

/** The API's `error.type` for each HTTP status it documents. */
const errorTypeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/** Messages in the API's wording for each error type. */
const defaultMessageByType: Record<string, string> = {
  invalid_request_error: 'Invalid request.',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low to access the Anthropic API.',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found.',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit.',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out.',
  overloaded_error: 'Overloaded',
};

export function errorTypeForStatus(status: number): string {
  return errorTypeByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export interface ApiErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id: string;
}

export function apiErrorBody(errorType: string, message: string | undefined, requestId: string): ApiErrorBody {
  return {
    type: 'error',
    error: { type: errorType, message: message ?? defaultMessageByType[errorType] ?? 'Error' },
    request_id: requestId,
  };
}
