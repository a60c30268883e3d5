import { describe, expect, it } from 'vitest';
import { enrolledIdentity, userOf } from './current-user';

const enrolment = { serverUrl: 'http://hq/', token: 't', deviceId: 'd1', office: 'RS-BEL', enrolledAt: '2026-03-01T00:00:00.000Z' };

describe('the current user', () => {
  it('is the profile\'s name with the role and office the server granted', () => {
    expect(userOf({ author: 'Sonja', office: 'RS-PRE' }, { ...enrolment, role: 'supervisor' })).toEqual({ name: 'Sonja', role: 'supervisor', office: 'RS-BEL' });
  });

  it('is a field monitor on a device enrolled before roles, or not enrolled (office from the profile)', () => {
    expect(userOf({ author: 'Ana', office: 'RS-BEL' }, enrolment)).toEqual({ name: 'Ana', role: 'field_monitor', office: 'RS-BEL' });
    expect(userOf({ author: ' Ana ', office: 'MK-SKO ' }, undefined)).toEqual({ name: 'Ana', role: 'field_monitor', office: 'MK-SKO' });
  });

  it('is nobody without a name: records and reviews must say who made them', () => {
    expect(userOf(undefined, { ...enrolment, role: 'supervisor' })).toBeNull();
    expect(userOf({ author: '   ', office: 'RS-BEL' }, enrolment)).toBeNull();
  });

  it('is the user the enrolment code named, once enrolled: the profile\'s name no longer counts', () => {
    const named = { ...enrolment, role: 'supervisor' as const, userName: 'Sonja Marković' };
    expect(userOf({ author: 'Someone else', office: 'MK-SKO' }, named)).toEqual({ name: 'Sonja Marković', role: 'supervisor', office: 'RS-BEL' });
    expect(userOf(undefined, named)).toEqual({ name: 'Sonja Marković', role: 'supervisor', office: 'RS-BEL' });
    expect(enrolledIdentity(named)).toEqual({ userName: 'Sonja Marković', office: 'RS-BEL' });
    expect(enrolledIdentity(enrolment)).toBeNull();
    expect(enrolledIdentity(undefined)).toBeNull();
  });
});
