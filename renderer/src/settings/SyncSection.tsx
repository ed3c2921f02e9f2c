// The provincial store: its address, this station's client id and secret (the secret goes to the
// keychain through sync.configure and is never shown again), and "test connection" (sync.check):
// the store asked for a token and a read with what is saved, its answer or its refusal shown.
import { useState } from 'react';
import type { Settings, SyncCheck } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { ProgressBar } from '../common/ProgressBar';
import { useI18n } from '../i18n';
import { useGuard } from '../supervisor/useGuard';
import { Field, Section, described } from './Section';
import { type Problems, hasProblems, urlProblem } from './validate';

export function SyncSection({ settings, editable, onSaved }: { settings: Settings; editable: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const client = useClient();
  const [url, setUrl] = useState(settings.syncUrl ?? '');
  const [clientId, setClientId] = useState(settings.syncClientId ?? '');
  const [secret, setSecret] = useState('');
  const [problems, setProblems] = useState<Problems<'url' | 'clientId'>>({});
  const [saved, setSaved] = useState(false);
  const [check, setCheck] = useState<SyncCheck | null>(null);
  const guard = useGuard();

  const submit = () => {
    const found = { url: urlProblem(url, true) ?? undefined, clientId: clientId.trim() ? undefined : ('setClientIdMissing' as const) };
    setProblems(found);
    if (hasProblems(found)) return;
    void guard
      .run(async () => {
        await client.call('sync.configure', { url: url.trim(), clientId: clientId.trim(), ...(secret ? { clientSecret: secret } : {}) });
      })
      .then((ok) => {
        setSaved(ok);
        if (ok) {
          setSecret('');
          onSaved();
        }
      });
  };
  const test = () => void guard.run(async () => setCheck(await client.call('sync.check', {})));

  return (
    <Section
      title="setSync"
      editable={editable}
      busy={guard.busy}
      error={guard.error}
      onDismissError={() => guard.setError(null)}
      saved={saved}
      onSubmit={submit}
      extraActions={
        <button type="button" className="plain" onClick={test} disabled={guard.busy}>
          {t('setTestConnection')}
        </button>
      }
    >
      <Field id="set-sync-url" label="setSyncUrl" problem={problems.url} hint="setSyncUrlHint">
        <input {...described('set-sync-url', problems.url, true)} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://kho.hcc.example.vn" spellCheck={false} />
      </Field>
      <Field id="set-client-id" label="setClientId" problem={problems.clientId}>
        <input {...described('set-client-id', problems.clientId)} value={clientId} onChange={(e) => setClientId(e.target.value)} spellCheck={false} autoComplete="off" />
      </Field>
      <Field id="set-secret" label="setClientSecret" hint="setClientSecretHint">
        <input {...described('set-secret', null, true)} type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" />
      </Field>
      {guard.busy && <ProgressBar label={t('progressConnecting')} fraction={null} />}
      {check?.ok && (
        <p className="notice" role="status" data-testid="sync-check">
          {t('setConnectionOk', { url: check.url })}
          {check.clockSkewSeconds !== null && Math.abs(check.clockSkewSeconds) > 60 ? ` ${t('syncClockSkew', { seconds: check.clockSkewSeconds })}` : ''}
        </p>
      )}
      {check && !check.ok && (
        <div data-testid="sync-check">
          <ErrorBanner error={check.error} onDismiss={() => setCheck(null)} />
        </div>
      )}
    </Section>
  );
}
