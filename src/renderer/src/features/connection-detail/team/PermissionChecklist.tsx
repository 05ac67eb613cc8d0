import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { PERMISSION_GROUPS } from './permission-groups'
import type { Permissions } from './permission-groups'

/** Every permission, grouped, each group with a select-all box (mixed when only some are on). */
export function PermissionChecklist({ value, onChange }: { value: Permissions; onChange(next: Permissions): void }) {
  const { t } = useTranslation()
  return (
    <div className="permission-groups">
      {PERMISSION_GROUPS.map((group) => {
        const on = group.permissions.filter((p) => value[p]).length
        const groupName = t(`connectionDetail.team.groups.${group.id}`)
        return (
          <fieldset key={group.id} className="permission-group">
            <legend>{groupName}</legend>
            <SelectAll
              label={t('connectionDetail.team.selectAll', { group: groupName })}
              state={on === 0 ? 'none' : on === group.permissions.length ? 'all' : 'some'}
              onChange={(checked) => onChange({ ...value, ...Object.fromEntries(group.permissions.map((p) => [p, checked])) })}
            />
            {group.permissions.map((permission) => (
              <label key={permission} className="check">
                <input type="checkbox" checked={value[permission]} onChange={(e) => onChange({ ...value, [permission]: e.target.checked })} />
                {t(`connectionDetail.team.perms.${permission}`)}
              </label>
            ))}
          </fieldset>
        )
      })}
    </div>
  )
}

function SelectAll({ label, state, onChange }: { label: string; state: 'none' | 'some' | 'all'; onChange(checked: boolean): void }) {
  const ref = useRef<HTMLInputElement>(null)
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === 'some'
  }, [state])
  return (
    <label className="check select-all">
      <input ref={ref} type="checkbox" checked={state === 'all'} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  )
}
