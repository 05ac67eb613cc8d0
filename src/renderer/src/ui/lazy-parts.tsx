/**
 * Health-check and export components (features/health, features/exports) placed on the list screens. They load on
 * first use, so the home screen's initial JavaScript does not carry them: the bulk bar only appears with a
 * selection, and the per-row cells render a placeholder for the moment their chunk takes to arrive.
 */
import { lazy } from 'react'

export const CheckButton = lazy(() => import('../features/health/CheckButton').then((m) => ({ default: m.CheckButton })))
export const HealthResultCell = lazy(() => import('../features/health/HealthResultCell').then((m) => ({ default: m.HealthResultCell })))
export const ExportProxiesButton = lazy(() => import('../features/exports/ExportProxiesButton').then((m) => ({ default: m.ExportProxiesButton })))
export const CopyProxyLineButton = lazy(() => import('../features/exports/CopyProxyLineButton').then((m) => ({ default: m.CopyProxyLineButton })))
export const RotateVerifyButton = lazy(() => import('../features/health/RotateVerifyButton').then((m) => ({ default: m.RotateVerifyButton })))
