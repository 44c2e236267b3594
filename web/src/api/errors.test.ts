import { describe, expect, it } from 'vitest';

import { testTranslator } from '@/i18n/testing';

import { describeFailure, fieldLabel, retryMinutes, type Failure } from './errors';

const zh = testTranslator('zh-CN');
const en = testTranslator('en');

function failure(overrides: Partial<Failure>): Failure {
  return { status: 400, code: 'invalid_argument', message: '', ...overrides };
}

describe('describeFailure', () => {
  it('says "wrong login or password" for a 401 on the sign-in form', () => {
    const wrong = failure({ status: 401, code: 'unauthenticated', message: 'wrong login or password' });
    expect(describeFailure(wrong, zh, 'login')).toBe('用户名或密码错误');
    expect(describeFailure(wrong, en, 'login')).toBe('Wrong login or password');
  });

  it('says the session has ended for a 401 elsewhere', () => {
    const gone = failure({ status: 401, code: 'unauthenticated', message: 'the session expired; sign in again' });
    expect(describeFailure(gone, zh)).toBe('登录已失效，请重新登录。');
    expect(describeFailure(gone, en)).toBe('Your session has ended. Please sign in again.');
  });

  it('gives the wait in minutes for a 429, rounded up', () => {
    const throttled = failure({
      status: 429,
      code: 'resource_exhausted',
      message: 'too many failed sign-ins for this account; try again in 15 minute(s)',
      retryAfter: 841,
    });
    expect(describeFailure(throttled, zh, 'login')).toBe('登录失败次数过多，请在 15 分钟后重试。');
    expect(describeFailure(throttled, en, 'login')).toBe('Too many failed sign-ins. Try again in 15 min.');
    expect(describeFailure(throttled, zh)).toBe('操作过于频繁，请在 15 分钟后重试。');
    expect(describeFailure({ ...throttled, retryAfter: 5 }, en)).toBe('Too many attempts. Try again in 1 min.');
    expect(describeFailure({ ...throttled, retryAfter: undefined }, zh)).toBe('操作过于频繁，请稍后重试。');
  });

  it('names no role or permission for a 403', () => {
    const denied = failure({ status: 403, code: 'permission_denied', message: 'role community_worker may not read_users' });
    expect(describeFailure(denied, zh)).toBe('您没有执行此操作的权限。');
    expect(describeFailure(denied, en)).toBe('You do not have permission to do this.');
  });

  it('keeps the request id of a 500 visible', () => {
    const internal = failure({ status: 500, code: 'internal', message: 'internal error, request id 7f3a-01' });
    expect(describeFailure(internal, zh)).toBe('内部错误，请求编号 7f3a-01');
    expect(describeFailure(internal, en)).toBe('Internal error, request id 7f3a-01');
    // No id in the message: the X-Request-Id header, else none.
    const bare = { ...internal, message: 'internal error' };
    expect(describeFailure({ ...bare, requestId: 'abc123' }, zh)).toBe('内部错误，请求编号 abc123');
    expect(describeFailure(bare, zh)).toBe('服务器内部错误，请稍后重试。');
  });

  it('points at the field of an invalid argument when it has a label', () => {
    const tooShort = failure({ message: 'password must have at least 8 characters', field: 'password' });
    expect(describeFailure(tooShort, zh)).toBe('请检查「密码」');
    expect(describeFailure(tooShort, en)).toBe('Please check "Password"');
    expect(describeFailure({ ...tooShort, field: 'display_name' }, zh)).toBe('请检查「姓名」');
  });

  it("shows the server's message for an invalid argument without a known field", () => {
    const odd = failure({ message: 'unknown field nickname', field: 'nickname' });
    expect(describeFailure(odd, zh)).toBe('unknown field nickname');
    expect(describeFailure({ ...odd, field: undefined }, en)).toBe('unknown field nickname');
  });

  it("falls back to the server's message for an unknown code", () => {
    const novel = failure({ status: 422, code: 'quota_reached', message: 'the canteen is full today' });
    expect(describeFailure(novel, zh)).toBe('the canteen is full today');
    expect(describeFailure(novel, en)).toBe('the canteen is full today');
    expect(describeFailure({ ...novel, message: '' }, zh)).toBe('请求失败（HTTP 422）。');
  });

  it('has a text for every HTTP-level code of the server', () => {
    const cases: [number, string, string, string][] = [
      [404, 'not_found', '要访问的记录不存在或已被删除。', 'The record does not exist or was removed.'],
      [409, 'conflict', '与现有数据冲突（可能已存在相同记录），请刷新后重试。', 'This conflicts with existing data (it may already exist). Refresh and try again.'],
      [503, 'unavailable', '服务暂时不可用，请稍后重试。', 'The service is temporarily unavailable. Please try again later.'],
      [400, 'invalid_json', '请求格式有误，请刷新页面后重试。', 'The request was malformed. Reload the page and try again.'],
      [413, 'payload_too_large', '提交的内容过大。', 'What you sent is too large.'],
      [404, 'route_not_found', '请求的接口不存在，请刷新页面；如仍出现，请联系系统管理员。', 'The server has no such function. Reload the page; if this persists, contact the system administrator.'],
      [405, 'method_not_allowed', '服务器不支持此操作。', 'The server does not allow this operation.'],
      [415, 'unsupported_media_type', '请求的内容类型不受支持。', 'The request content type is not supported.'],
      [408, 'request_timeout', '请求超时，请重试。', 'The request timed out. Please try again.'],
      [400, 'bad_request', '请求有误，请刷新页面后重试。', 'The request was not understood. Reload the page and try again.'],
      [431, 'header_too_large', '请求头过大，请清除本站 Cookie 后重试。', "The request headers are too large. Clear this site's cookies and try again."],
    ];
    for (const [status, code, chinese, english] of cases) {
      const f = failure({ status, code, message: `server text for ${code}` });
      expect(describeFailure(f, zh), code).toBe(chinese);
      expect(describeFailure(f, en), code).toBe(english);
    }
  });

  it('goes by the status when the answer had no error body', () => {
    expect(describeFailure(failure({ status: 502, code: 'http_502', message: 'HTTP 502' }), zh)).toBe(
      '服务暂时不可用，请稍后重试。',
    );
    expect(describeFailure(failure({ status: 418, code: 'http_418', message: 'HTTP 418' }), en)).toBe(
      'The request failed (HTTP 418).',
    );
  });

  it('reports an unreachable server', () => {
    const offline = failure({ status: 0, code: 'network', message: 'cannot reach the server: Failed to fetch' });
    expect(describeFailure(offline, zh)).toBe('无法连接服务器，请检查网络后重试。');
    expect(describeFailure(offline, en)).toBe('Cannot reach the server. Check the network and try again.');
  });
});

describe('fieldLabel', () => {
  it('knows the fields of the API and nothing else', () => {
    expect(fieldLabel('login', zh)).toBe('账号');
    expect(fieldLabel('community_id', en)).toBe('Community');
    expect(fieldLabel('nickname', zh)).toBeUndefined();
    expect(fieldLabel('a.b', zh)).toBeUndefined();
    expect(fieldLabel(undefined, zh)).toBeUndefined();
  });
});

describe('retryMinutes', () => {
  it('rounds up to whole minutes, at least one', () => {
    expect(retryMinutes(0)).toBe(1);
    expect(retryMinutes(60)).toBe(1);
    expect(retryMinutes(61)).toBe(2);
  });
});
