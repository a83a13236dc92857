import { Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import {
  ResidenceComment,
  residenceCommentLabelVi,
} from '../../../../src/domain/procedures/residence-form';

const FIELDS = ['strengths', 'shortcomings', 'citizenDuties', 'proposals'] as const;

/** The fields the schema requires (strengths, citizen duties); the others may stay empty. */
const REQUIRED: ReadonlySet<string> = new Set(
  FIELDS.filter((f) => !ResidenceComment.shape[f].safeParse('').success),
);
export const isRequiredCommentField = (field: (typeof FIELDS)[number]) => REQUIRED.has(field);

export const EMPTY_COMMENT: ResidenceComment = {
  strengths: '',
  shortcomings: '',
  citizenDuties: '',
  proposals: '',
};

/**
 * "Phiếu nhận xét": the four fields of the paper form; those the schema requires say so in
 * Vietnamese before anything is saved (the lengths are capped by the fields themselves).
 */
export function CommentForm({
  form,
  initial,
  disabled,
  onFinish,
}: {
  form: FormInstance<ResidenceComment>;
  initial: ResidenceComment;
  disabled?: boolean;
  onFinish: (comment: ResidenceComment) => void;
}) {
  return (
    <Form<ResidenceComment>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={disabled}
      onFinish={(values) => onFinish(ResidenceComment.parse(values))}
      data-testid="comment-form"
    >
      {FIELDS.map((field) => (
        <Form.Item
          key={field}
          name={field}
          label={residenceCommentLabelVi[field]}
          required={REQUIRED.has(field)}
          rules={
            REQUIRED.has(field)
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: `Vui lòng nhập ${residenceCommentLabelVi[field].toLowerCase()}.`,
                  },
                ]
              : []
          }
          style={{ marginBottom: 12 }}
        >
          <Input.TextArea rows={3} maxLength={4000} showCount />
        </Form.Item>
      ))}
    </Form>
  );
}
