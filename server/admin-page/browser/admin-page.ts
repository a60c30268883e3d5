/**
 * The admin page's script (served as /admin/admin-page.js, transpiled by the server).
 * The admin token lives in a variable of this module only: never in storage, a cookie
 * or the URL, so closing or reloading the page forgets it. Every value from the server
 * is inserted as text (textContent), never as HTML; the QR code is an <img> of the SVG
 * the server drew.
 */

interface Office {
  code: string;
  mission: string;
  name: string;
  createdAt: string;
  activeDevices: number;
}
interface Device {
  deviceId: string;
  deviceName: string;
  office: string;
  role: string;
  userName: string;
  createdAt: string;
  lastSeenAt: string | null;
  lastSyncAt: string | null;
  pendingChanges: number | null;
  revokedAt: string | null;
}
interface IssuedCode {
  code: string;
  office: string;
  role: string;
  userName: string;
  expiresAt: string;
  deviceId?: string;
  qr?: { text: string; svg: string };
}

/** A refusal by the server, with its message (or a status line when it sent none). */
class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let token: string | null = null;

function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no ${type.name} #${id}`);
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function errorMessage(payload: unknown, status: number): string {
  if (isRecord(payload) && isRecord(payload.error) && typeof payload.error.message === 'string') return payload.error.message;
  return `The server answered HTTP ${status}.`;
}

async function api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  if (token === null) throw new AdminApiError(401, 'Sign in first.');
  const response = await fetch(`/api/v1/admin/${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    cache: 'no-store',
  });
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw new AdminApiError(response.status, errorMessage(payload, response.status));
  return payload;
}

/** `2026-12-04 23:10` in UTC (the tables' headers say so); '-' for never. */
function shortTime(iso: string | null): string {
  if (iso === null) return '-';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 16).replace('T', ' ');
}

function cell(row: HTMLTableRowElement, text: string, className?: string): HTMLTableCellElement {
  const td = row.insertCell();
  td.textContent = text;
  if (className !== undefined) td.className = className;
  return td;
}

function setStatus(target: HTMLElement, text: string, isError = false): void {
  target.textContent = text;
  target.classList.toggle('error', isError);
}

// ---- Confirmation -------------------------------------------------------------------

function confirmAction(title: string, text: string, action: string): Promise<boolean> {
  const dialog = element('confirm', HTMLDialogElement);
  element('confirm-title', HTMLHeadingElement).textContent = title;
  element('confirm-text', HTMLParagraphElement).textContent = text;
  element('confirm-ok', HTMLButtonElement).textContent = action;
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => { resolve(dialog.returnValue === 'confirm'); }, { once: true });
    dialog.showModal();
    element('confirm-cancel', HTMLButtonElement).focus();
  });
}

// ---- Offices ------------------------------------------------------------------------

function showOffices(offices: readonly Office[]): void {
  const body = element('offices', HTMLTableElement).tBodies[0];
  const select = element('code-form', HTMLFormElement).elements.namedItem('office');
  if (body === undefined || !(select instanceof HTMLSelectElement)) return;
  const chosen = select.value;
  body.replaceChildren();
  select.replaceChildren();
  for (const office of offices) {
    const row = body.insertRow();
    cell(row, office.code, 'mono');
    cell(row, office.mission);
    cell(row, office.name === '' ? '-' : office.name, 'name');
    cell(row, String(office.activeDevices), 'num');
    cell(row, shortTime(office.createdAt));
    select.add(new Option(office.name === '' ? office.code : `${office.code} (${office.name})`, office.code));
  }
  if (offices.some((o) => o.code === chosen)) select.value = chosen;
  element('offices-empty', HTMLParagraphElement).hidden = offices.length > 0;
}

// ---- Devices ------------------------------------------------------------------------

function showDevices(devices: readonly Device[]): void {
  const body = element('devices', HTMLTableElement).tBodies[0];
  if (body === undefined) return;
  body.replaceChildren();
  for (const device of devices) {
    const row = body.insertRow();
    row.dataset.deviceId = device.deviceId;
    if (device.revokedAt !== null) row.className = 'revoked';
    cell(row, device.deviceId, 'mono');
    cell(row, device.userName === '' ? '-' : device.userName, 'name');
    cell(row, device.office, 'mono');
    cell(row, device.role);
    cell(row, shortTime(device.lastSyncAt), 'time');
    cell(row, shortTime(device.lastSeenAt), 'time');
    cell(row, device.pendingChanges === null ? '?' : String(device.pendingChanges), 'num');
    cell(row, device.revokedAt === null ? 'active' : `revoked ${shortTime(device.revokedAt)}`);
    cell(row, device.deviceName, 'name');
    const actions = row.insertCell();
    actions.className = 'actions';
    if (device.revokedAt === null) {
      const rotateButton = document.createElement('button');
      rotateButton.type = 'button';
      rotateButton.className = 'small secondary';
      rotateButton.textContent = 'New token';
      rotateButton.addEventListener('click', () => void rotateDevice(device));
      const revokeButton = document.createElement('button');
      revokeButton.type = 'button';
      revokeButton.className = 'small danger';
      revokeButton.textContent = 'Revoke';
      revokeButton.addEventListener('click', () => void revokeDevice(device));
      actions.append(rotateButton, revokeButton);
    }
  }
  element('devices-empty', HTMLParagraphElement).hidden = devices.length > 0;
}

function describeDevice(device: Device): string {
  const user = device.userName === '' ? '' : `${device.userName}, `;
  return `${device.deviceId} (${user}${device.deviceName}, ${device.office})`;
}

async function revokeDevice(device: Device): Promise<void> {
  const status = element('devices-status', HTMLParagraphElement);
  const confirmed = await confirmAction(
    'Revoke this device?',
    `Device ${describeDevice(device)} stops syncing at once, for good: to sync again, it must be enrolled with a new code, as a new device.`,
    'Revoke device',
  );
  if (!confirmed) return;
  try {
    await api('POST', `devices/${encodeURIComponent(device.deviceId)}/revoke`);
    setStatus(status, `Device ${device.deviceId} revoked.`);
    await refresh();
  } catch (error) {
    handleError(error, status);
  }
}

async function rotateDevice(device: Device): Promise<void> {
  const status = element('devices-status', HTMLParagraphElement);
  const confirmed = await confirmAction(
    'Give this device a new token?',
    `The token of device ${describeDevice(device)} stops working now. You get a one-time code: enrolled with it, the same device gets a new token and keeps its id, user, role and office.`,
    'Replace token',
  );
  if (!confirmed) return;
  try {
    const issued = (await api('POST', `devices/${encodeURIComponent(device.deviceId)}/rotate`, {
      ttlHours: Number(formValue(element('code-form', HTMLFormElement), 'ttlHours')),
      serverUrl: formValue(element('code-form', HTMLFormElement), 'serverUrl'),
    })) as IssuedCode;
    setStatus(status, `The token of device ${device.deviceId} no longer works: re-enrol it with the code above.`);
    showCode(issued);
    await refresh();
  } catch (error) {
    handleError(error, status);
  }
}

// ---- Codes --------------------------------------------------------------------------

function showCode(issued: IssuedCode): void {
  element('code-result', HTMLDivElement).hidden = false;
  element('code-heading', HTMLParagraphElement).textContent =
    issued.deviceId === undefined ? 'Enrolment code' : `Code to re-enrol device ${issued.deviceId}`;
  element('code-text', HTMLParagraphElement).textContent = issued.code;
  element('code-for', HTMLParagraphElement).textContent = `For ${issued.userName}, ${issued.role} of ${issued.office}`;
  element('code-expiry', HTMLParagraphElement).textContent = `Valid until ${shortTime(issued.expiresAt)} UTC`;
  element('code-payload', HTMLPreElement).textContent = issued.qr?.text ?? '';
  const image = element('code-qr', HTMLImageElement);
  if (issued.qr === undefined) image.removeAttribute('src');
  else image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(issued.qr.svg)}`;
  element('code-result', HTMLDivElement).scrollIntoView({ block: 'nearest' });
}

function formValue(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  return field instanceof HTMLInputElement || field instanceof HTMLSelectElement ? field.value : '';
}

async function issueCode(form: HTMLFormElement): Promise<void> {
  const status = element('code-status', HTMLParagraphElement);
  setStatus(status, 'Issuing…');
  try {
    const issued = (await api('POST', 'enrolment-codes', {
      office: formValue(form, 'office'),
      userName: formValue(form, 'userName'),
      role: formValue(form, 'role'),
      ttlHours: Number(formValue(form, 'ttlHours')),
      serverUrl: formValue(form, 'serverUrl'),
    })) as IssuedCode;
    setStatus(status, '');
    showCode(issued);
  } catch (error) {
    handleError(error, status);
  }
}

async function createOffice(form: HTMLFormElement): Promise<void> {
  const status = element('office-status', HTMLParagraphElement);
  try {
    const created = (await api('POST', 'offices', {
      code: formValue(form, 'code').trim().toUpperCase(),
      mission: formValue(form, 'mission'),
      name: formValue(form, 'name'),
    })) as { office: Office };
    setStatus(status, `Office ${created.office.code} (${created.office.name}) created.`);
    form.reset();
    await refresh();
  } catch (error) {
    handleError(error, status);
  }
}

// ---- Session ------------------------------------------------------------------------

function showSignedIn(signedIn: boolean): void {
  element('sign-in', HTMLElement).hidden = signedIn;
  element('console', HTMLDivElement).hidden = !signedIn;
  element('session', HTMLDivElement).hidden = !signedIn;
}

function signOut(message = ''): void {
  token = null;
  showSignedIn(false);
  element('code-result', HTMLDivElement).hidden = true;
  element('code-text', HTMLParagraphElement).textContent = '';
  setStatus(element('sign-in-status', HTMLParagraphElement), message, message !== '');
  element('token', HTMLInputElement).focus();
}

function handleError(error: unknown, status: HTMLElement): void {
  if (error instanceof AdminApiError && error.status === 401) {
    signOut('The admin token was refused: check it and sign in again.');
    return;
  }
  setStatus(status, error instanceof Error ? error.message : String(error), true);
}

async function refresh(): Promise<void> {
  const [offices, devices] = await Promise.all([api('GET', 'offices'), api('GET', 'devices')]);
  showOffices((offices as { offices: Office[] }).offices);
  showDevices((devices as { devices: Device[] }).devices);
}

async function signIn(form: HTMLFormElement): Promise<void> {
  const input = element('token', HTMLInputElement);
  token = input.value.trim();
  input.value = '';
  const status = element('sign-in-status', HTMLParagraphElement);
  setStatus(status, 'Checking…');
  try {
    await refresh();
    setStatus(status, '');
    showSignedIn(true);
  } catch (error) {
    if (error instanceof AdminApiError && error.status === 401) signOut('The admin token was refused: check it and try again.');
    else {
      token = null;
      setStatus(status, error instanceof Error ? error.message : String(error), true);
    }
  }
  form.reset();
}

function onSubmit(id: string, handler: (form: HTMLFormElement) => Promise<void>): void {
  const form = element(id, HTMLFormElement);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    if (button instanceof HTMLButtonElement) button.disabled = true;
    void handler(form).finally(() => {
      if (button instanceof HTMLButtonElement) button.disabled = false;
    });
  });
}

function start(): void {
  const serverUrl = element('code-form', HTMLFormElement).elements.namedItem('serverUrl');
  if (serverUrl instanceof HTMLInputElement) serverUrl.value = window.location.origin;
  onSubmit('sign-in-form', signIn);
  onSubmit('office-form', createOffice);
  onSubmit('code-form', issueCode);
  element('refresh', HTMLButtonElement).addEventListener('click', () => {
    refresh().catch((error: unknown) => { handleError(error, element('devices-status', HTMLParagraphElement)); });
  });
  element('sign-out', HTMLButtonElement).addEventListener('click', () => { signOut(); });
  document.documentElement.dataset.ready = 'true';
}

start();
