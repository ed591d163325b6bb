/** What the host running Regie is and can do (app.info): asked once per page, retried after a failure. */
import { useEffect, useState } from 'react';
import type { Response } from '../../../src-preload/contract/api';
import { call } from './client';

export type AppInfo = Response<'app.info'>;

let infoPromise: Promise<AppInfo | null> | null = null;

export function appInfo(): Promise<AppInfo | null> {
  infoPromise ??= call('app.info', {}).catch(() => {
    infoPromise = null;
    return null;
  });
  return infoPromise;
}

/** app.info for a component: null until known (or when it could not be asked). */
export function useAppInfo(): AppInfo | null {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let live = true;
    void appInfo().then((known) => {
      if (live) setInfo(known);
    });
    return () => {
      live = false;
    };
  }, []);
  return info;
}
