/** The health feature's reusable parts, for other screens to place. */
export { HealthScreen } from './HealthScreen'
export { CheckButton } from './CheckButton'
export { HealthResultCell } from './HealthResultCell'
export { BatchProgress } from './BatchProgress'
export { RotateVerifyButton, RotateVerifyDialog } from './RotateVerifyButton'
export { PastedListDialog } from './PastedListDialog'
export { HealthSettingsForm } from './HealthSettingsForm'
