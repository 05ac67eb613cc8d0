import { StatsPanel } from '../../stats/StatsPanel'
import './tabs.css'

/** This connection's statistics (the same panel as the Statistics section). */
export function StatsTab({ connId }: { connId: string }) {
  return (
    <div className="tab-panel-body">
      <StatsPanel connId={connId} />
    </div>
  )
}
