// The first start (issue 16): before the first record, who and where the station is, its first
// administrator, its scanner and token driver, the counter officers' accounts, and the officer's
// own signing key — or, skipped at the first page, demonstration mode. Every step is a core call
// (contract/setup.ts and the ordinary methods, as the administrator just made); the station
// refuses the account-making step once an administrator exists, whoever asks.
import { useState } from 'react';
import type { SessionState, SetupState } from '../../../electron/contract';
import { useClient } from '../client/context';
import { ErrorBanner } from '../common/ErrorBanner';
import { type MessageKey, useI18n } from '../i18n';
import { LanguageSelect } from '../session/LanguageSelect';
import { AccountsStep, type MadeAccount } from './steps/AccountsStep';
import { AdminStep } from './steps/AdminStep';
import { DevicesStep } from './steps/DevicesStep';
import { IdentityStep } from './steps/IdentityStep';
import { KeyStep } from './steps/KeyStep';
import { useStepCall } from './useStepCall';
import './setup.css';

type Step = 'welcome' | 'identity' | 'admin' | 'devices' | 'accounts' | 'key';
const NUMBERED: readonly Step[] = ['identity', 'admin', 'devices', 'accounts', 'key'];
const STEP_TITLE: Readonly<Record<Step, MessageKey>> = {
  welcome: 'setupWelcomeTitle',
  identity: 'setupIdentityTitle',
  admin: 'setupAdminTitle',
  devices: 'setupDevicesTitle',
  accounts: 'setupAccountsTitle',
  key: 'setupKeyTitle',
};
const STEP_SHORT: Readonly<Record<Step, MessageKey>> = {
  welcome: 'setupWelcomeTitle',
  identity: 'setupIdentityShort',
  admin: 'setupAdminShort',
  devices: 'setupDevicesShort',
  accounts: 'setupAccountsShort',
  key: 'setupKeyShort',
};

export interface WizardProps {
  readonly setup: SetupState;
  readonly session: SessionState;
  onSession(s: SessionState): void;
  onSetup(s: SetupState): void;
  onClose(): void;
}

function firstStep(setup: SetupState): Step {
  if (setup.status === 'needed') return 'welcome';
  if (setup.status === 'demonstration') return 'identity';
  return 'devices';
}

export function SetupWizard({ setup, session, onSession, onSetup, onClose }: WizardProps) {
  const { t } = useI18n();
  const client = useClient();
  const [step, setStep] = useState<Step>(() => firstStep(setup));
  const { busy, error, dismiss, run } = useStepCall();

  /** The set-up is finished (the administrator's part); the officer made first signs in, here,
   * for their own key — or, with no officer made, the administrator goes on to the settings. */
  const finishAs = async (officer: MadeAccount | null) => {
    const done = await run(async () => {
      onSetup(await client.call('setup.finish', {}));
      if (!officer) return 'admin';
      await client.call('session.logout', {});
      onSession(await client.call('session.login', { username: officer.username, password: officer.password }));
      return 'officer';
    });
    if (done === 'officer') setStep('key');
    else if (done === 'admin') onClose();
  };

  const index = NUMBERED.indexOf(step);
  return (
    <main className="setup-page">
      <div className="setup-card">
        <header className="setup-head">
          <div>
            <p className="setup-kicker">{t('setupKicker')}</p>
            <h1 id="setup-title">{t(STEP_TITLE[step])}</h1>
          </div>
          <LanguageSelect className="language session-language" />
        </header>
        {index >= 0 && (
          <ol className="setup-steps" aria-label={t('setupStepsLabel')}>
            {NUMBERED.map((s, i) => (
              <li key={s} className={i < index ? 'done' : i === index ? 'current' : undefined} aria-current={i === index ? 'step' : undefined}>
                <span className="setup-step-no">{i + 1}</span> {t(STEP_SHORT[s])}
              </li>
            ))}
          </ol>
        )}
        {error && <ErrorBanner error={error} onDismiss={dismiss} />}
        {step === 'welcome' && (
          <section className="setup-body" aria-labelledby="setup-title">
            <p>{t('setupWelcomeText')}</p>
            <ul className="setup-list">
              <li>{t('setupWelcomeNeed1')}</li>
              <li>{t('setupWelcomeNeed2')}</li>
              <li>{t('setupWelcomeNeed3')}</li>
            </ul>
            <div className="setup-actions">
              <button type="button" className="primary" autoFocus onClick={() => setStep('identity')}>
                {t('setupStart')}
              </button>
            </div>
            <div className="setup-demo-choice">
              <p>{t('setupDemoText')}</p>
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void run(() => client.call('setup.demonstration', {})).then((s) => {
                    if (!s) return;
                    onSetup(s);
                    onClose();
                  })
                }
              >
                {t('setupDemoButton')}
              </button>
            </div>
          </section>
        )}
        {step === 'identity' && (
          <IdentityStep
            setup={setup}
            busy={busy}
            onSubmit={(identity) =>
              void run(() => client.call('setup.identity', identity)).then((s) => {
                if (!s) return;
                onSetup(s);
                setStep(session.accountsExist ? 'devices' : 'admin');
              })
            }
          />
        )}
        {step === 'admin' && (
          <AdminStep
            busy={busy}
            onSubmit={(admin) =>
              void run(() => client.call('setup.firstAdmin', admin)).then((s) => {
                if (!s) return;
                onSession(s);
                setStep('devices');
              })
            }
          />
        )}
        {step === 'devices' && <DevicesStep onDone={() => setStep('accounts')} />}
        {step === 'accounts' && <AccountsStep busy={busy} onFinish={(officer) => void finishAs(officer)} />}
        {step === 'key' && <KeyStep name={session.user?.displayName ?? ''} onDone={onClose} />}
      </div>
    </main>
  );
}
