import { describe, expect, it } from 'vitest';

import { testTranslator } from '@/i18n/testing';

import { KNOWN_ACTIONS, actionLabel, detailLabel, recordLabel } from './audit';

const zh = testTranslator('zh-CN');
const en = testTranslator('en');

describe('audit texts', () => {
  it('name the known actions in both languages', () => {
    expect(actionLabel('session.login', zh)).toBe('登录');
    expect(actionLabel('session.login_failed', zh)).toBe('登录失败');
    expect(actionLabel('session.logout', zh)).toBe('退出登录');
    expect(actionLabel('user.create', zh)).toBe('创建用户');
    expect(actionLabel('session.login', en)).toBe('Signed in');
    expect(actionLabel('user.create', en)).toBe('Created an account');
    for (const action of KNOWN_ACTIONS) {
      expect(actionLabel(action, zh), action).not.toBe(action);
      expect(actionLabel(action, en), action).not.toBe(action);
    }
  });

  it('show an unknown action as the server wrote it', () => {
    expect(actionLabel('resident.read_id_number', zh)).toBe('resident.read_id_number');
    expect(actionLabel('session', zh)).toBe('session');
    expect(actionLabel('session.login.extra', en)).toBe('session.login.extra');
    expect(actionLabel('', en)).toBe('');
  });

  it('name records and known details', () => {
    expect(recordLabel('user', '12', zh)).toBe('用户 12');
    expect(recordLabel('session', '40', en)).toBe('Session 40');
    expect(recordLabel('building', '7', zh)).toBe('building 7');
    expect(recordLabel('user', '', zh)).toBe('用户');
    expect(detailLabel('wrong password', zh)).toBe('密码错误');
    expect(detailLabel('unknown login', en)).toBe('No such account');
    expect(detailLabel('role=admin scope=street 1', zh)).toBe('role=admin scope=street 1');
    expect(detailLabel(undefined, zh)).toBe('');
  });
});
