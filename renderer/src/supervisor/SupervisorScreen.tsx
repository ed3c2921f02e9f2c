// The supervisor's screen: sync with the provincial store, and the rates the province reports.
import { RatesPanel } from './RatesPanel';
import { SyncPanel } from './SyncPanel';

export function SupervisorScreen() {
  return (
    <div className="supervisor-screen">
      <SyncPanel />
      <RatesPanel />
    </div>
  );
}
