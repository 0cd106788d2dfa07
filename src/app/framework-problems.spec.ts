import { connectionProblem, fromFastifyErrorBody, routerProblem } from './framework-problems.js';

describe("Fastify's own errors as problem documents", () => {
  it("turns Fastify's error body into a problem document and leaves other bodies alone", () => {
    const body = JSON.stringify({ statusCode: 503, code: 'X', error: 'Service Unavailable', message: 'internals' });
    expect(fromFastifyErrorBody(body, 'req-1')).toEqual({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Service Unavailable', instance: 'req-1' });
    expect(fromFastifyErrorBody(JSON.stringify({ statusCode: 404, error: 'Not Found', message: 'no route' }), 'r')).toMatchObject({ status: 404, detail: 'no route' });
    expect(fromFastifyErrorBody('{"items":[],"total":0}', 'r')).toBeUndefined();
    expect(fromFastifyErrorBody('{"statusCode":', 'r')).toBeUndefined();
    expect(fromFastifyErrorBody(Buffer.from('{}'), 'r')).toBeUndefined();
  });

  it('names the router and connection errors without echoing the request', () => {
    expect(routerProblem({ code: 'FST_ERR_MAX_PARAM_LENGTH', statusCode: 414 }, 'r')).toMatchObject({ status: 414, title: 'URI Too Long', instance: 'r' });
    expect(routerProblem({ code: 'FST_ERR_BAD_URL', statusCode: 400 }, 'r')).toMatchObject({ status: 400 });
    expect(routerProblem({ code: 'FST_ERR_ASYNC_CONSTRAINT', statusCode: 500 }, 'r')).toMatchObject({ status: 400 });
    expect(connectionProblem({ code: 'HPE_HEADER_OVERFLOW' }, 'r')).toMatchObject({ status: 431 });
    expect(connectionProblem({ code: 'ERR_HTTP_REQUEST_TIMEOUT' }, 'r')).toMatchObject({ status: 408 });
    expect(connectionProblem({ code: 'HPE_INVALID_METHOD' }, 'r')).toMatchObject({ status: 400 });
  });
});
