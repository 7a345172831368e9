// The identifiers the emulator knows out of the box (the demo shop's), plus helpers to decide
// whether a tracking id or an identity pool id exists. Real ids are created in the AWS console;
// here they are fixed so the demo, the tests and the docs can share them.

export const DEMO_REGION = 'us-east-1';
export const DEMO_IDENTITY_POOL_ID = 'us-east-1:0a1b2c3d-0000-4000-8000-00000000cafe';
export const DEMO_TRACKING_ID = '0a1b2c3d-0000-4000-8000-00000000beef';

export interface KnownIds {
  trackingIds: ReadonlySet<string>;
  identityPoolIds: ReadonlySet<string>;
}

/** The demo ids plus any extra ones given by flags or options. */
export function createKnownIds(extraTrackingIds: string[] = [], extraIdentityPoolIds: string[] = []): KnownIds {
  return {
    trackingIds: new Set([DEMO_TRACKING_ID, ...extraTrackingIds]),
    identityPoolIds: new Set([DEMO_IDENTITY_POOL_ID, ...extraIdentityPoolIds]),
  };
}

/** An identity pool id (and an identity id) starts with its region: "us-east-1:<uuid>". */
export function regionOf(poolOrIdentityId: string): string {
  return poolOrIdentityId.slice(0, poolOrIdentityId.indexOf(':'));
}
