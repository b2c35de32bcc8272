// @vitest-environment jsdom
// The dumb components: props in, callbacks out.
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import Notice from '#ui/Notice.svelte';
import SyncBadge from '#ui/SyncBadge.svelte';

describe('SyncBadge', () => {
  const tones = ['ok', 'pending', 'offline'] as const;
  const props = { expanded: false, controls: 'detail', ontoggle: () => undefined };

  it.each(tones)('shows the label as a polite status with the %s tone', (tone) => {
    render(SyncBadge, { ...props, label: '2 perubahan belum terkirim', tone });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('2 perubahan belum terkirim');
    expect(status).toHaveAttribute('aria-live', 'polite');
    const badge = screen.getByTestId('sync-badge');
    expect(badge).toHaveClass('badge', tone);
    for (const other of tones.filter((t) => t !== tone)) expect(badge).not.toHaveClass(other);
  });

  it('follows prop changes', async () => {
    const { rerender } = render(SyncBadge, { ...props, label: 'Semua tersimpan', tone: 'ok' });
    await rerender({ label: 'Luring', tone: 'offline' });
    const badge = screen.getByTestId('sync-badge');
    expect(badge).toHaveTextContent('Luring');
    expect(badge).toHaveClass('offline');
    expect(badge).not.toHaveClass('ok');
  });

  it('is a button that opens its detail', async () => {
    let opened = 0;
    render(SyncBadge, { ...props, label: 'x', tone: 'ok', ontoggle: () => opened++ });
    const button = screen.getByRole('button', { name: 'x' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveAttribute('aria-controls', 'detail');
    button.click();
    expect(opened).toBe(1);
  });
});

describe('Notice', () => {
  it('shows the message as a status with no buttons when given no callbacks', () => {
    render(Notice, { message: 'Aplikasi siap dipakai tanpa internet.' });
    const notice = screen.getByRole('status');
    expect(notice).toHaveTextContent('Aplikasi siap dipakai tanpa internet.');
    expect(notice).toHaveClass('info');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('shows no button for a label without its callback', () => {
    render(Notice, {
      message: 'Versi baru tersedia.',
      actionLabel: 'Perbarui',
      dismissLabel: 'Nanti',
    });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('calls onaction from the action button and ondismiss from the dismiss button', async () => {
    const user = userEvent.setup();
    const onaction = vi.fn();
    const ondismiss = vi.fn();
    render(Notice, {
      message: 'Versi baru tersedia.',
      actionLabel: 'Perbarui',
      onaction,
      dismissLabel: 'Nanti',
      ondismiss,
    });
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Perbarui', 'Nanti']);

    await user.click(screen.getByRole('button', { name: 'Perbarui' }));
    expect(onaction).toHaveBeenCalledTimes(1);
    expect(ondismiss).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Nanti' }));
    expect(ondismiss).toHaveBeenCalledTimes(1);
    expect(onaction).toHaveBeenCalledTimes(1);
  });

  it('announces an error as an alert', async () => {
    const user = userEvent.setup();
    const ondismiss = vi.fn();
    render(Notice, {
      tone: 'error',
      message: 'Penyimpanan perangkat penuh.',
      dismissLabel: 'Tutup',
      ondismiss,
    });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Penyimpanan perangkat penuh.');
    expect(alert).toHaveClass('error');
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getAllByRole('button')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Tutup' }));
    expect(ondismiss).toHaveBeenCalledTimes(1);
  });
});
