// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Button, Form } from 'antd';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResidenceComment } from '../../../../src/domain/procedures/residence-form';
import { FakeDesktopBridge } from '../../test-support/fake-desktop-bridge';
import { renderWithDesktop } from '../../test-support/render-with-desktop';
import { CommentForm, EMPTY_COMMENT, isRequiredCommentField } from './comment-form';

afterEach(cleanup);

function Harness({ saved }: { saved: ResidenceComment[] }) {
  const [form] = Form.useForm<ResidenceComment>();
  return (
    <>
      <CommentForm form={form} initial={EMPTY_COMMENT} onFinish={(c) => saved.push(c)} />
      <Button onClick={() => form.submit()}>Lưu nháp</Button>
    </>
  );
}

describe('the comment form', { timeout: 120_000 }, () => {
  it('requires what the schema requires: strengths and citizen duties', () => {
    expect(isRequiredCommentField('strengths')).toBe(true);
    expect(isRequiredCommentField('citizenDuties')).toBe(true);
    expect(isRequiredCommentField('shortcomings')).toBe(false);
    expect(isRequiredCommentField('proposals')).toBe(false);
  });

  it('says which field is missing, and saves once the required ones are written', async () => {
    const saved: ResidenceComment[] = [];
    renderWithDesktop(<Harness saved={saved} />, new FakeDesktopBridge());
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    expect(await screen.findByText('Vui lòng nhập ưu điểm.')).toBeTruthy();
    expect(screen.getByText('Vui lòng nhập thực hiện nghĩa vụ công dân nơi cư trú.')).toBeTruthy();
    expect(saved).toEqual([]);

    await user.type(screen.getByLabelText('Ưu điểm'), '  Gương mẫu  ');
    // Blank is not written.
    await user.type(screen.getByLabelText('Thực hiện nghĩa vụ công dân nơi cư trú'), '   ');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await waitFor(() =>
      expect(
        screen.getByText('Vui lòng nhập thực hiện nghĩa vụ công dân nơi cư trú.'),
      ).toBeTruthy(),
    );
    expect(saved).toEqual([]);

    await user.type(screen.getByLabelText('Thực hiện nghĩa vụ công dân nơi cư trú'), 'Tốt');
    await user.click(screen.getByRole('button', { name: 'Lưu nháp' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    // Trimmed by the schema; the optional fields stay empty.
    expect(saved[0]).toEqual({
      strengths: 'Gương mẫu',
      shortcomings: '',
      citizenDuties: 'Tốt',
      proposals: '',
    });
  });
});
