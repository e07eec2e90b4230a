;; Invalid: i32x4 has lanes 0 to 3; extract_lane 4 names none of them.
(module
  (func (export "f") (param v128) (result i32)
    (i32x4.extract_lane 4 (local.get 0))))
